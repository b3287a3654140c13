using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>
/// Runs Debian's <c>chromium</c> headless (<c>--headless --no-sandbox --disable-gpu</c>) with no network: every host
/// name resolves to nothing and the proxy is a closed loopback port. Console messages are read from Chromium's own
/// log (<c>--enable-logging=stderr --v=0</c> prints each as <c>INFO:CONSOLE</c>). <c>.ci/install-chromium.sh</c>
/// installs it; MLPERF_AUDIT_CHROMIUM overrides the executable.
/// </summary>
internal static partial class HeadlessChromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    private static readonly Lazy<string?> ExecutableLazy = new(Find);

    /// <summary>The chromium executable, or null when none is installed.</summary>
    public static string? Executable => ExecutableLazy.Value;

    /// <summary>True under CI (CI=true), where a missing browser fails the test instead of skipping it.</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads a local HTML file at the given window size, and either dumps the DOM after load or saves a PNG screenshot.</summary>
    /// <param name="htmlFile">Absolute path of the page.</param>
    /// <param name="width">Window width, in CSS pixels.</param>
    /// <param name="height">Window height, in CSS pixels (the screenshot's height).</param>
    /// <param name="screenshot">PNG path to write; null dumps the DOM to <see cref="ChromiumRun.Output"/> instead.</param>
    public static ChromiumRun Open(string htmlFile, int width, int height, string? screenshot = null)
    {
        var executable = Executable
            ?? throw new InvalidOperationException("chromium is not installed: run .ci/install-chromium.sh (apt-get install chromium)");
        var profile = Path.Combine(Path.GetTempPath(), "mlperf-audit-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                "--enable-logging=stderr", "--v=0",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                $"--user-data-dir={profile}", $"--window-size={width},{height}",
                screenshot is null ? "--dump-dom" : $"--screenshot={screenshot}",
                new Uri(htmlFile).AbsoluteUri,
            ];
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = profile;
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 60 s");
            }

            var log = stderr.GetAwaiter().GetResult();
            var console = ConsoleLine().Matches(log).Select(m => m.Value).ToList();
            return new ChromiumRun(process.ExitCode, stdout.GetAwaiter().GetResult(), log, console);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MLPERF_AUDIT_CHROMIUM") is { Length: > 0 } given)
        {
            return given;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"^.*:CONSOLE[:(].*$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLine();
}

/// <summary>What a Chromium run left behind.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="Output">Standard output: the serialized DOM after load, with --dump-dom.</param>
/// <param name="Log">Chromium's log (standard error).</param>
/// <param name="ConsoleMessages">The page's console messages, one log line each.</param>
internal sealed record ChromiumRun(int ExitCode, string Output, string Log, IReadOnlyList<string> ConsoleMessages);
