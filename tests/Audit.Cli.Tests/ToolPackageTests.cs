using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// The shipped .NET tool, end to end: <c>dotnet pack</c> of src/Audit.Cli into a folder feed, <c>dotnet tool install</c> from
/// that feed alone (a nuget.config that clears every other source, a fresh package cache: no network, no stale copy), then
/// the installed <c>mlperf-audit</c> command run as a user would run it.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void InstalledTool_WhenPackedAndInstalledFromFolderFeed_PrintsVersionAndChecksAzureBundle()
    {
        var root = CliHarness.TempFolder();
        try
        {
            var version = ToolFeed.Version;
            var tool = Install(root, version);

            var printed = Run(tool, root, "--version");
            Assert.True(printed.Exit == 0, printed.ToString());
            Assert.Equal(version, printed.Out.Trim().Split('+')[0]);

            var bundle = RepoPaths.Corpus("inference", "v5.1", "closed", "Azure");
            var check = Run(tool, root, "check", bundle, "--no-sign", "--out", Path.Combine(root, "audit-out"));
            Assert.True(check.Exit == 0, check.ToString());
            Assert.Contains(
                "VALID   closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline: 52,061.6 Tokens/s (13,015.4 Tokens/s per accelerator × 4)",
                check.Out,
                StringComparison.Ordinal);
            Assert.Contains("4 valid, 0 invalid.", check.Out, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(root, "audit-out", "report.json")));

            var missing = Run(tool, root, "check", Path.Combine(root, "no-such-bundle"), "--no-sign", "--out", Path.Combine(root, "x"));
            Assert.True(missing.Exit == (int)ExitCode.InputError, missing.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Packs the built CLI into a feed under <paramref name="root"/> and installs it from there; returns the command's path.</summary>
    private static string Install(string root, string version)
    {
        var config = Path.Combine(root, "nuget.config");
        ToolFeed.Pack(root);
        var tools = Path.Combine(root, "tools");
        var install = Run(
            ToolFeed.Dotnet, root, "tool", "install", "--tool-path", tools, "--configfile", config, ToolFeed.PackageId, "--version", version);
        Assert.True(install.Exit == 0, install.ToString());
        return Path.Combine(tools, "mlperf-audit");
    }

    private static ToolFeed.Outcome Run(string fileName, string root, params string[] args) => ToolFeed.Run(fileName, root, args);
}
