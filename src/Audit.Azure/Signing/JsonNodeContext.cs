using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Azure.Signing;

/// <summary>Source-generated metadata for the small JSON bodies sent to Key Vault.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
