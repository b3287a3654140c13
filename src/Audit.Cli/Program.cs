using System.CommandLine;
using MlPerfAudit.Cli;
using MlPerfAudit.Cli.Commands;

var root = new RootCommand("mlperf-audit: an independent check between MLPerf logs and the claims made from them.");
foreach (var command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}

return CliRunner.Run(root, args, Console.Out, Console.Error);
