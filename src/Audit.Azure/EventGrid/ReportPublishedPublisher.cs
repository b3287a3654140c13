using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace MlPerfAudit.Azure.EventGrid;

/// <summary>The data of a <c>MLPerfAudit.ReportPublished</c> CloudEvent (serialized camelCase).</summary>
/// <param name="ReportId">The report's id: the bundle's hex SHA-256.</param>
/// <param name="ReportUrl">Blob URL of <c>report.json</c>.</param>
/// <param name="EnvelopeUrl">Blob URL of <c>report.dsse.json</c>.</param>
/// <param name="RenderingUrl">Blob URL of the human-readable rendering.</param>
/// <param name="BundleUrl">Blob URL of the audited bundle.</param>
/// <param name="BundleSha256">Hex SHA-256 of the bundle bytes.</param>
/// <param name="Suite"><c>inference</c> or <c>training</c>.</param>
/// <param name="Round">Rules round.</param>
/// <param name="Valid">Results with verdict valid.</param>
/// <param name="Invalid">Results with verdict invalid.</param>
/// <param name="Passed">True when every result is valid and no error stands outside the results.</param>
/// <param name="Readable">False for an "unreadable bundle" report.</param>
/// <param name="KeyId">The signing key's id (JWKS kid).</param>
public sealed record ReportPublishedData(
    string ReportId,
    Uri ReportUrl,
    Uri EnvelopeUrl,
    Uri RenderingUrl,
    Uri BundleUrl,
    string BundleSha256,
    string Suite,
    string Round,
    int Valid,
    int Invalid,
    bool Passed,
    bool Readable,
    string KeyId);

/// <summary>
/// Publishes <c>MLPerfAudit.ReportPublished</c> CloudEvents through an <see cref="EventGridPublisherClient"/> (registered
/// with a topic key or a token credential; its own retry options). Thread-safe.
/// </summary>
/// <param name="client">The topic's publisher client.</param>
public class ReportPublishedPublisher(EventGridPublisherClient client)
{
    /// <summary>The CloudEvents <c>type</c>.</summary>
    public const string EventType = "MLPerfAudit.ReportPublished";

    /// <summary>The CloudEvents <c>source</c> of every event.</summary>
    public const string DefaultSource = "/mlperf-audit/reports";

    /// <summary>Sends one event whose id is the report id, so a consumer can drop repeats of the same report.</summary>
    /// <param name="data">What was published.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="RequestFailedException">The topic refused the event after the client's retries.</exception>
    public virtual async Task PublishAsync(ReportPublishedData data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var payload = BinaryData.FromObjectAsJson(data, EventJson.Options);
        var cloudEvent = new CloudEvent(DefaultSource, EventType, payload, "application/json", CloudEventDataFormat.Json)
        {
            Id = data.ReportId,
            Subject = "reports/" + data.ReportId,
        };
        await client.SendEventAsync(cloudEvent, ct).ConfigureAwait(false);
    }
}

internal static class EventJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}
