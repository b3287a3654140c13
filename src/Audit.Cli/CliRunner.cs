using System.CommandLine;

namespace MlPerfAudit.Cli;

/// <summary>
/// Parses and invokes with the house exit codes: parse errors exit 64 (usage) instead of
/// System.CommandLine's default 1, which means "audit failed" here.
/// </summary>
internal static class CliRunner
{
    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine($"mlperf-audit: {parseError.Message}");
            }

            error.WriteLine("Run 'mlperf-audit --help' for usage.");
            return (int)ExitCode.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return result.Invoke(configuration);
    }
}
