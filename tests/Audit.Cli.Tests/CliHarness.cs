using System.CommandLine;
using MlPerfAudit.Cli.Commands;

namespace MlPerfAudit.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal static class CliHarness
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
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
