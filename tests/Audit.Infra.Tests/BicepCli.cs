using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, a PackageDownload of this project).
/// <c>BICEP_CLI</c> overrides the path, for machines the linux-x64 package cannot serve.
/// </summary>
internal static class BicepCli
{
    /// <summary>Longest a single bicep invocation may take, in seconds (a cold start on a busy 2-core machine takes ~15 s).</summary>
    private const int TimeoutSeconds = 180;

    /// <summary>The CLI version the project file pins (BicepCliVersion).</summary>
    public static string PinnedVersion => Metadata("BicepCliVersion");

    /// <summary>Absolute path of the bicep binary, made executable when the package left it rwxr--r-- for another user.</summary>
    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("BICEP_CLI") is { Length: > 0 } overridden ? overridden : Metadata("BicepCliPath");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Bicep CLI not found at {path}: run `dotnet restore` (PackageDownload of "
                    + "Azure.Bicep.CommandLine.linux-x64), or set BICEP_CLI to a bicep binary");
            }

            if (Environment.GetEnvironmentVariable("BICEP_CLI") is not { Length: > 0 }
                && (RuntimeInformation.OSArchitecture != Architecture.X64 || !OperatingSystem.IsLinux()))
            {
                throw new PlatformNotSupportedException("the feed serves the Bicep CLI for linux-x64 only; set BICEP_CLI to a bicep binary");
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                if (!mode.HasFlag(UnixFileMode.UserExecute))
                {
                    File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
                }
            }

            return path;
        }
    }

    /// <summary>Runs bicep with the arguments; stdout and stderr are captured whole.</summary>
    public static CliResult Run(params string[] args)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The CLI checks the public registry for newer versions and sends telemetry unless told not to.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(TimeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} took longer than {TimeoutSeconds} s");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} missing (Audit.Infra.Tests.csproj)");
}

/// <summary>Exit code and whole output of one CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Diagnostics printed (bicep writes warnings and errors to stderr; warnings leave exit code 0).</summary>
    public IReadOnlyList<string> Diagnostics => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
