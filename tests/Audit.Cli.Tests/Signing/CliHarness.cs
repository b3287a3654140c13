using System.CommandLine;
using MlPerfAudit.Cli.Commands;

namespace MlPerfAudit.Cli.Tests.Signing;

/// <summary>Runs <c>mlperf-audit</c> in process with captured output.</summary>
internal static class CliHarness
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var root = new RootCommand("mlperf-audit");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
