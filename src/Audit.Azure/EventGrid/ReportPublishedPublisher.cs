using Azure;
using Azure.Core;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace MlPerfAudit.Azure.EventGrid;

/// <summary>Where <see cref="ReportPublishedPublisher"/> sends events. Checked once by <see cref="Validate"/>.</summary>
public sealed record ReportEventOptions
{
    /// <summary>The Event Grid topic endpoint, e.g. <c>https://topic.westeurope-1.eventgrid.azure.net/api/events</c>.</summary>
    public required Uri TopicEndpoint { get; init; }

    /// <summary>Topic access key (sent as <c>aeg-sas-key</c>); null when <see cref="Credential"/> is used.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Entra ID credential (role EventGrid Data Sender); null when <see cref="AccessKey"/> is used.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>CloudEvents <c>source</c> of every event; default <c>/mlperf-audit/reports</c>.</summary>
    public string Source { get; init; } = "/mlperf-audit/reports";

    /// <summary>Pipeline options (retries with exponential backoff by default).</summary>
    public EventGridPublisherClientOptions ClientOptions { get; init; } = new();

    /// <summary>Every problem with these options, all at once; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TopicEndpoint is null || !TopicEndpoint.IsAbsoluteUri || (TopicEndpoint.Scheme != Uri.UriSchemeHttps && TopicEndpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"TopicEndpoint: '{TopicEndpoint}' must be an absolute http(s) URI");
        }

        if (string.IsNullOrEmpty(AccessKey) == (Credential is null))
        {
            errors.Add("AccessKey/Credential: exactly one of them is required");
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            errors.Add("Source: required");
        }

        return errors;
    }
}

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

/// <summary>Publishes <c>MLPerfAudit.ReportPublished</c> CloudEvents through Azure.Messaging.EventGrid. Thread-safe.</summary>
public class ReportPublishedPublisher
{
    /// <summary>The CloudEvents <c>type</c>.</summary>
    public const string EventType = "MLPerfAudit.ReportPublished";

    private readonly EventGridPublisherClient _client = null!;
    private readonly string _source = null!;

    /// <summary>Builds the publisher; the options are validated first.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public ReportPublishedPublisher(ReportEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid event options: " + string.Join("; ", errors), nameof(options));
        }

        _client = options.AccessKey is { } key
            ? new EventGridPublisherClient(options.TopicEndpoint, new AzureKeyCredential(key), options.ClientOptions)
            : new EventGridPublisherClient(options.TopicEndpoint, options.Credential!, options.ClientOptions);
        _source = options.Source;
    }

    /// <summary>For mocking.</summary>
    protected ReportPublishedPublisher()
    {
    }

    /// <summary>Sends one event whose id is the report id, so a consumer can drop repeats of the same report.</summary>
    /// <param name="data">What was published.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="RequestFailedException">The topic refused the event after retries.</exception>
    public virtual async Task PublishAsync(ReportPublishedData data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cloudEvent = new CloudEvent(_source, EventType, BinaryData.FromObjectAsJson(data, EventJson.Options), "application/json", CloudEventDataFormat.Json)
        {
            Id = data.ReportId,
            Subject = "reports/" + data.ReportId,
        };
        await _client.SendEventAsync(cloudEvent, ct).ConfigureAwait(false);
    }
}

internal static class EventJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}
