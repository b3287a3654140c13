using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Reports;

/// <summary>Source-generated System.Text.Json metadata for the report contract: camelCase, enums as lower-case strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
