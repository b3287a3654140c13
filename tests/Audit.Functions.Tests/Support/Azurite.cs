using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MlPerfAudit.Tests.Shared;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>
/// A real Azurite blob service (npm package pinned in tests/azurite) started on a free loopback port, strict mode
/// (no --loose; --skipApiVersionCheck because Azure.Storage.Blobs 12.30.1 sends a newer service version than Azurite 3.37.0 knows),
/// on disk in a private folder so it can be stopped and restarted with its data. Stops on dispose.
/// </summary>
internal sealed class Azurite : IDisposable
{
    public const string Account = "devstoreaccount1";
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempFolder _data = new();
    private Process? _process;

    private Azurite(int port) => Port = port;

    public static string MainScript => Path.Combine(RepoPaths.Root, "tests", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");

    /// <summary>Why Azurite cannot run here, or null.</summary>
    public static string? Missing => File.Exists(MainScript) ? null : $"{MainScript} is missing (run .ci/install-azurite.sh)";

    public int Port { get; }

    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{Port}/{Account}";

    public static Azurite Start()
    {
        if (Missing is { } why)
        {
            throw new InvalidOperationException("Azurite cannot start: " + why);
        }

        var azurite = new Azurite(FreePort());
        azurite.Restart();
        return azurite;
    }

    /// <summary>Starts the node process again on the same port and data folder; waits until it accepts connections.</summary>
    public void Restart()
    {
        var info = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { MainScript, "--blobHost", "127.0.0.1", "--blobPort",
            Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", _data.Path, "--disableTelemetry", "--silent", "--skipApiVersionCheck" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {_process.ExitCode} while starting on port {Port}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{Port} within 120 s");
    }

    /// <summary>Stops the node process with SIGTERM (Azurite flushes its metadata and exits; the data folder stays), SIGKILL after 10 s.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _data.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that needs Azurite: skipped on a developer machine without it, run (and failed) under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute(params string[] tools)
    {
        if (ExternalTools.UnderCi)
        {
            return;
        }

        var missing = new[] { Azurite.Missing }.Concat(tools.Select(ExternalTools.Missing)).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            Skip = "not under CI and " + string.Join("; ", missing);
        }
    }
}
