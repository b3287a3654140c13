namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>The MLPerf Inference scenario names and their folder spellings.</summary>
internal static class Scenarios
{
    /// <summary>Offline: throughput with all queries issued at once.</summary>
    public const string Offline = "Offline";

    /// <summary>Server: Poisson arrivals under a latency bound.</summary>
    public const string Server = "Server";

    /// <summary>Interactive: a Server run with tighter LLM latency limits (LoadGen logs it as Server).</summary>
    public const string Interactive = "Interactive";

    /// <summary>SingleStream: one query at a time, latency metric.</summary>
    public const string SingleStream = "SingleStream";

    /// <summary>MultiStream: eight samples per query, latency metric.</summary>
    public const string MultiStream = "MultiStream";

    /// <summary>
    /// The official spelling of a scenario folder name (case-insensitive), or null. <c>Online</c>, the v6.1 endpoints
    /// harness's name for a Server run, is read as Server, as the official checker does.
    /// </summary>
    public static string? Normalize(string folder) => folder.ToLowerInvariant() switch
    {
        "offline" => Offline,
        "server" or "online" => Server,
        "interactive" => Interactive,
        "singlestream" => SingleStream,
        "multistream" => MultiStream,
        _ => null,
    };

    /// <summary>The scenario LoadGen logs for a folder scenario (Interactive runs as Server).</summary>
    public static string Logged(string folderScenario) => folderScenario == Interactive ? Server : folderScenario;
}
