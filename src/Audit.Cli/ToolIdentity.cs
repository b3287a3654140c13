using System.Reflection;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Cli;

/// <summary>The tool's name and version as written into reports.</summary>
internal static class ToolIdentity
{
    public static ToolInfo Current { get; } = new(
        "mlperf-audit",
        (typeof(ToolIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]);
}
