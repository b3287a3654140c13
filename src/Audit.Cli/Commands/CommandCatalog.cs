using System.CommandLine;

namespace MlPerfAudit.Cli.Commands;

/// <summary>Every subcommand of <c>mlperf-audit</c>, in help order. Add a new command here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return CheckCommand.Create();
        yield return VerifyCommand.Create();
        yield return KeysCommand.Create();
        yield return GateCommand.Create();
        yield return ClaimsCommand.Create();
        yield return RenderCommand.Create();
        yield return IndexCommand.Create();
        yield return BaselinesCommand.Create();
    }
}
