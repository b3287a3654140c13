using System.Diagnostics;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// The shipped .NET tool, end to end: <c>dotnet pack</c> of src/Audit.Cli into a folder feed, <c>dotnet tool install</c> from
/// that feed alone (a nuget.config that clears every other source, a fresh package cache: no network, no stale copy), then
/// the installed <c>mlperf-audit</c> command run as a user would run it.
/// </summary>
public sealed class ToolPackageTests
{
    private const string PackageId = "MlPerfAudit.Cli";

    /// <summary>Each process may take this long (the pack is the slowest step: about 15 s on the shared 2-core machine).</summary>
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public void InstalledTool_WhenPackedAndInstalledFromFolderFeed_PrintsVersionAndChecksAzureBundle()
    {
        var root = CliHarness.TempFolder();
        try
        {
            var version = ToolIdentity.Current.Version;
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

    /// <summary>Packs the already built CLI (the configuration this test was built in) and installs it; returns the command's path.</summary>
    private static string Install(string root, string version)
    {
        var feed = Path.Combine(root, "feed");
        var project = Path.Combine(RepoPaths.Root, "src", "Audit.Cli", "Audit.Cli.csproj");
        var pack = Run(Dotnet, root, "pack", project, "-c", Configuration, "--no-build", "-o", feed,
            "-nodeReuse:false", "-p:NuspecOutputPath=" + Path.Combine(root, "nuspec"));
        Assert.True(pack.Exit == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, $"{PackageId}.{version}.nupkg")), pack.ToString());

        var config = Path.Combine(root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(root, "tools");
        var install = Run(Dotnet, root, "tool", "install", "--tool-path", tools, "--configfile", config, PackageId, "--version", version);
        Assert.True(install.Exit == 0, install.ToString());
        return Path.Combine(tools, "mlperf-audit");
    }

    /// <summary>The dotnet executable running this test (set by the SDK for child processes), else the one on PATH.</summary>
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Release or Debug: the folder two levels above this assembly (bin/&lt;configuration&gt;/net10.0).</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static Outcome Run(string fileName, string root, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A private package cache, so an older package of the same version is never taken from ~/.nuget/packages.
        info.Environment["NUGET_PACKAGES"] = Path.Combine(root, "packages");
        info.Environment["DOTNET_CLI_HOME"] = root;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (Path.IsPathRooted(Dotnet))
        {
            // The installed command's launcher finds the runtime here when dotnet is not in a standard location.
            info.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Dotnet);
        }

        // MSBuild settings of the test run's own host must not leak into the child's build.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {ProcessLimit.TotalMinutes} minutes");
        }

        return new Outcome(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private sealed record Outcome(int Exit, string Out, string Err)
    {
        public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
    }
}
