using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MlPerfAudit.Functions.Telemetry;

/// <summary>
/// Traces and metrics of the audit, under one name for OpenTelemetry (<see cref="Name"/>): an activity per audit and
/// histograms of bundle size (bytes) and audit duration (seconds), and a counter of results by verdict.
/// </summary>
public static class AuditTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "MlPerfAudit.Functions";

    /// <summary>Spans: <c>audit</c> (one per OnBundleUploaded invocation), with bundle, digest, outcome tags.</summary>
    public static readonly ActivitySource Source = new(Name, "1.0");

    private static readonly Meter Meter = new(Name, "1.0");

    /// <summary>Bytes of each audited bundle.</summary>
    public static readonly Histogram<long> BundleSize = Meter.CreateHistogram<long>("mlperf_audit.bundle.size", "By", "Size of each audited bundle");

    /// <summary>Seconds from event received to report stored and announced.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "mlperf_audit.audit.duration", "s", "Time from event to stored, signed, announced report");

    /// <summary>Results audited, tagged <c>verdict</c> (valid/invalid).</summary>
    public static readonly Counter<long> Results = Meter.CreateCounter<long>("mlperf_audit.results", "{result}", "Results audited, by verdict");

    /// <summary>Invocations, tagged <c>outcome</c> (reported, duplicate, ignored, failed, unreadable).</summary>
    public static readonly Counter<long> Audits = Meter.CreateCounter<long>(
        "mlperf_audit.audits", "{audit}", "OnBundleUploaded invocations, by outcome");
}
