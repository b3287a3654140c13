using System.CommandLine;
using MlPerfAudit.Cli.Commands;

namespace MlPerfAudit.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal static class CliHarness
{
    /// <summary>A key folder shared by the tests of this run, so no test writes into the user's home.</summary>
    public static string KeyFolder { get; } = Path.Combine(Path.GetTempPath(), "mlperf-audit-test-keys-" + Guid.NewGuid().ToString("N"));

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        if (args.Length > 0 && args[0] == "check" && !args.Contains("--key-dir") && !args.Contains("--no-sign"))
        {
            args = [.. args, "--key-dir", KeyFolder];
        }

        var root = new RootCommand("mlperf-audit");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliRunner.Run(root, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlperf-audit-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
