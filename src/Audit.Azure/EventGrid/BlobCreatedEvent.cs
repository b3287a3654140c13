using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;

namespace MlPerfAudit.Azure.EventGrid;

/// <summary>A <c>Microsoft.Storage.BlobCreated</c> event reduced to what the audit needs.</summary>
/// <param name="EventId">The event's id (repeats on redelivery).</param>
/// <param name="Container">Container, from the subject (authoritative).</param>
/// <param name="BlobName">Blob name, URL-decoded from the subject.</param>
/// <param name="ETag">The announced version, for <c>If-Match</c>; null when absent.</param>
/// <param name="ContentLength">Announced size in bytes; null when absent.</param>
/// <param name="Api">The storage operation (<c>PutBlob</c>, <c>PutBlockList</c>, <c>CopyBlob</c>, <c>FlushWithClose</c>).</param>
public sealed record BlobCreatedEvent(string EventId, string Container, string BlobName, string? ETag, long? ContentLength, string? Api);

/// <summary>
/// Decodes the Event Grid trigger value a Functions host hands a custom handler: the event as an object, or as a JSON
/// string (possibly encoded twice), in the EventGridEvent or the CloudEvents schema.
/// </summary>
public static class BlobCreatedEventParser
{
    /// <summary>Storage operations that mean "a complete blob is there".</summary>
    public static readonly IReadOnlySet<string> CompletingApis = new HashSet<string>(StringComparer.Ordinal)
    {
        "PutBlob", "PutBlockList", "CopyBlob", "FlushWithClose",
    };

    private const string SubjectPrefix = "/blobServices/default/containers/";

    /// <summary>Parses the trigger value; null with a reason when it is not a usable BlobCreated event.</summary>
    /// <param name="value">The <c>Data.&lt;name&gt;</c> token of the invocation.</param>
    /// <param name="error">Why it could not be used.</param>
    public static BlobCreatedEvent? TryParse(JsonElement value, out string? error)
    {
        error = null;
        for (var depth = 0; value.ValueKind == JsonValueKind.String && depth < 3; depth++)
        {
            try
            {
                using var document = JsonDocument.Parse(value.GetString()!);
                value = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                error = $"the event is a string that is not JSON ({ex.Message})";
                return null;
            }
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1)
        {
            value = value[0];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            error = $"the event is a JSON {value.ValueKind}, expected an object";
            return null;
        }

        try
        {
            var data = BinaryData.FromString(value.GetRawText());
            string id, type, subject;
            object? system;
            if (value.TryGetProperty("specversion", out _))
            {
                var cloudEvent = CloudEvent.Parse(data) ?? throw new FormatException("empty CloudEvent");
                (id, type, subject) = (cloudEvent.Id, cloudEvent.Type, cloudEvent.Subject ?? string.Empty);
                cloudEvent.TryGetSystemEventData(out system);
            }
            else
            {
                var gridEvent = EventGridEvent.Parse(data);
                (id, type, subject) = (gridEvent.Id, gridEvent.EventType, gridEvent.Subject ?? string.Empty);
                gridEvent.TryGetSystemEventData(out system);
            }

            if (type != SystemEventNames.StorageBlobCreated || system is not StorageBlobCreatedEventData created)
            {
                error = $"event {id} has type '{type}', expected {SystemEventNames.StorageBlobCreated}";
                return null;
            }

            if (!subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) || subject.IndexOf("/blobs/", SubjectPrefix.Length, StringComparison.Ordinal) is var at && at < 0)
            {
                error = $"event {id} has subject '{subject}', expected {SubjectPrefix}<container>/blobs/<name>";
                return null;
            }

            var container = subject[SubjectPrefix.Length..at];
            var name = Uri.UnescapeDataString(subject[(at + "/blobs/".Length)..]);
            if (container.Length == 0 || name.Length == 0)
            {
                error = $"event {id} names no container or blob in '{subject}'";
                return null;
            }

            return new BlobCreatedEvent(id, container, name, created.ETag, created.ContentLength, created.Api);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            error = $"the event cannot be parsed ({ex.Message})";
            return null;
        }
    }
}
