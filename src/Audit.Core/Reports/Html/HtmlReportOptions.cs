namespace MlPerfAudit.Core.Reports.Html;

/// <summary>What the HTML and Markdown renderings show beside the report itself. Everything is optional.</summary>
public sealed record ReportViewOptions
{
    /// <summary>No comparison data, no signature.</summary>
    public static ReportViewOptions None { get; } = new();

    /// <summary>
    /// Published results to plot beside the audited ones, matched to them by benchmark, scenario and unit. Empty by
    /// default; the caller loads them (e.g. from a round's <c>summary_results.json</c>), the renderer does no I/O.
    /// </summary>
    public IReadOnlyList<ComparisonPoint> Comparisons { get; init; } = [];

    /// <summary>Where the published points come from, shown under the comparison charts, e.g. <c>MLCommons inference_results_v5.1
    /// summary_results.json</c>.</summary>
    public string? ComparisonSource { get; init; }

    /// <summary>The signature over report.json, when the caller signed or verified it; null means "not signed / not known".</summary>
    public SignatureSummary? Signature { get; init; }

    /// <summary>Most published bars drawn per comparison chart (the highest values, plus any that match an audited result). Default 12.</summary>
    public int MaxComparisonBars { get; init; } = 12;
}

/// <summary>One published result to draw beside the audited results of the same benchmark and scenario.</summary>
/// <param name="Benchmark">Benchmark (model) name as published, e.g. <c>llama2-70b-99</c>.</param>
/// <param name="Scenario">Scenario, e.g. <c>Offline</c>.</param>
/// <param name="Submitter">Submitter, e.g. <c>NVIDIA</c>.</param>
/// <param name="System">System name or system-description id as published.</param>
/// <param name="Accelerators">Total accelerators of the system (nodes × accelerators per node).</param>
/// <param name="PerAccelerator">Published headline ÷ <paramref name="Accelerators"/>, in <paramref name="Unit"/> per accelerator.</param>
/// <param name="Unit">Unit of the headline, e.g. <c>Tokens/s</c>; only points with the audited result's unit are drawn.</param>
/// <param name="ResultId">Public result id, e.g. <c>5.1-0008</c>.</param>
/// <param name="Location">Path of the result in the submission tree, when published; a point whose location equals an audited result's id is labelled
/// as that result's published value.</param>
public sealed record ComparisonPoint(
    string Benchmark,
    string Scenario,
    string Submitter,
    string System,
    int Accelerators,
    double PerAccelerator,
    string Unit,
    string ResultId,
    string? Location = null);

/// <summary>What is known about the signature over report.json.</summary>
/// <param name="Status">Signed by the caller, verified, failed verification, or not checked.</param>
/// <param name="KeyId">The envelope's keyid: SHA-256 (hex) of the signer's public key (DER SubjectPublicKeyInfo).</param>
/// <param name="EnvelopeFile">File name of the DSSE envelope, e.g. <c>report.dsse.json</c>.</param>
/// <param name="Detail">One sentence: why verification failed, or what was checked.</param>
public sealed record SignatureSummary(SignatureStatus Status, string? KeyId, string? EnvelopeFile, string? Detail = null);

/// <summary>The state of the signature shown on a rendered report.</summary>
public enum SignatureStatus
{
    /// <summary>The report was not signed.</summary>
    NotSigned = 1,

    /// <summary>The report was signed by the tool that rendered this page, in the same run.</summary>
    SignedByThisRun = 2,

    /// <summary>An envelope was verified against a trusted key, and its report digest matches report.json.</summary>
    Verified = 3,

    /// <summary>An envelope was given but did not verify: do not trust the report.</summary>
    VerificationFailed = 4,

    /// <summary>An envelope is present but no trusted key was given, so it was not checked.</summary>
    NotChecked = 5,
}
