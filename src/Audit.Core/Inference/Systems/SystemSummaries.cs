using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Systems;

/// <summary>Builds the report's <see cref="SystemSummary"/> from a system description.</summary>
internal static class SystemSummaries
{
    public static SystemSummary? From(JsonFile? file)
    {
        if (file?.Root is null)
        {
            return null;
        }

        string Field(string name) => file.Text(name) ?? string.Empty;
        var notes = Field("hw_notes");
        var sw = Field("sw_notes");
        if (sw.Length > 0)
        {
            notes = (notes.Length > 0 ? notes + ". " : string.Empty) + sw;
        }

        return new SystemSummary(
            file.File, Field("system_name"), Field("status"), Field("system_type"), Field("number_of_nodes"),
            Field("accelerator_model_name"), Field("accelerators_per_node"), Field("host_processor_model_name"),
            Field("host_processors_per_node"), Field("host_processor_core_count"), Field("framework"),
            Field("operating_system"), notes);
    }
}
