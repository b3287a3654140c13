using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Training;

/// <summary>Source-generated JSON metadata for the small documents the training audit writes or reads.</summary>
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class TrainingJsonContext : JsonSerializerContext;
