using System.Diagnostics;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// Packs the built CLI into a temp folder feed and runs dotnet (or anything else) isolated from the machine's NuGet setup:
/// a nuget.config that clears every other source and a private package cache, so nothing comes from the network or from a
/// stale copy in ~/.nuget/packages. Shared by <see cref="ToolPackageTests"/> and <see cref="GateActionInstallTests"/>.
/// </summary>
internal static class ToolFeed
{
    public const string PackageId = "MlPerfAudit.Cli";

    /// <summary>Each process may take this long (the pack is the slowest step: about 15 s on the shared 2-core machine).</summary>
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    /// <summary>The package version the pack produces (the CLI's informational version without build metadata).</summary>
    public static string Version => ToolIdentity.Current.Version;

    /// <summary>The dotnet executable running this test (set by the SDK for child processes), else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Release or Debug: the folder two levels above this assembly (bin/&lt;configuration&gt;/net10.0).</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>
    /// Packs the already built CLI (the configuration this test was built in) into <paramref name="root"/>/feed and writes
    /// <paramref name="root"/>/nuget.config naming that feed alone; returns the feed folder.
    /// </summary>
    public static string Pack(string root)
    {
        var feed = Path.Combine(root, "feed");
        var project = Path.Combine(RepoPaths.Root, "src", "Audit.Cli", "Audit.Cli.csproj");
        var pack = Run(Dotnet, root, ["pack", project, "-c", Configuration, "--no-build", "-o", feed,
            "-nodeReuse:false", "-p:NuspecOutputPath=" + Path.Combine(root, "nuspec")]);
        Assert.True(pack.Exit == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, $"{PackageId}.{Version}.nupkg")), pack.ToString());
        WriteIsolatingConfig(root, feed);
        return feed;
    }

    /// <summary>Writes <paramref name="folder"/>/nuget.config: every inherited source cleared, <paramref name="feed"/> the only one.</summary>
    public static string WriteIsolatingConfig(string folder, string feed)
    {
        var config = Path.Combine(folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        return config;
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="root"/> with a private package cache and CLI home under it, the
    /// test's dotnet first on PATH, and <paramref name="environment"/> added on top.
    /// </summary>
    public static Outcome Run(string fileName, string root, string[] args, IReadOnlyDictionary<string, string>? environment = null)
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
            // The installed command's launcher finds the runtime here when dotnet is not in a standard location;
            // scripts that call plain `dotnet` get the same one.
            var dotnetDir = Path.GetDirectoryName(Dotnet)!;
            info.Environment["DOTNET_ROOT"] = dotnetDir;
            info.Environment["PATH"] = dotnetDir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        }

        // MSBuild settings of the test run's own host must not leak into the child's build.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
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

    /// <summary>A finished process: its exit code and everything it wrote.</summary>
    internal sealed record Outcome(int Exit, string Out, string Err)
    {
        public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
    }
}
