using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Functions.Listing;

/// <summary>One finished report as the listing shows it.</summary>
/// <param name="Id">Report id: the bundle's hex SHA-256.</param>
/// <param name="Finished">When the signed envelope was stored (the envelope blob's Last-Modified, whole seconds, UTC).</param>
/// <param name="Suite"><c>inference</c> or <c>training</c>.</param>
/// <param name="Round">Rules round, e.g. <c>v5.1</c>.</param>
/// <param name="Verdict"><c>valid</c> (every result valid), <c>invalid</c>, or <c>unreadable</c> (no result could be read).</param>
/// <param name="Valid">Results judged valid.</param>
/// <param name="Invalid">Results judged invalid.</param>
/// <param name="Submitters">Submitters of the bundle's results, in order.</param>
/// <param name="Bundle">The bundle's blob name.</param>
public sealed record ReportListEntry(string Id, DateTimeOffset Finished, string Suite, string Round, string Verdict, int Valid, int Invalid,
    IReadOnlyList<string> Submitters, string Bundle);

/// <summary>A listing request; filters compare case-insensitively.</summary>
/// <param name="Submitter">Only reports with a result of this submitter.</param>
/// <param name="Round">Only reports of this rules round.</param>
/// <param name="Verdict">Only reports with this verdict.</param>
/// <param name="ContinuationToken">Where the previous page stopped (opaque); null for the first page.</param>
/// <param name="PageSize">Most entries on one page (1 to <see cref="ReportIndex.MaxPageSize"/>).</param>
public sealed record ReportListQuery(string? Submitter, string? Round, string? Verdict, string? ContinuationToken, int PageSize);

/// <summary>One page of the listing.</summary>
/// <param name="Reports">Newest first.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record ReportListPage(IReadOnlyList<ReportListEntry> Reports, string? ContinuationToken);

/// <summary>
/// The listing of finished reports, newest first, kept in the reports container as empty marker blobs written once per report
/// after its envelope: <c>index/all/&lt;key&gt;</c>, <c>index/submitter/&lt;submitter&gt;/&lt;key&gt;</c> (one per submitter),
/// <c>index/round/&lt;round&gt;/&lt;key&gt;</c> and <c>index/verdict/&lt;verdict&gt;/&lt;key&gt;</c>, where key is the inverted
/// finish time (19 digits of <c>DateTimeOffset.MaxValue.UtcTicks - finished.UtcTicks</c>) then <c>-&lt;id&gt;</c>. Blob listings
/// come back in name order, so a prefix listing is already newest first and pages with the service's own continuation
/// token; a filter picks the narrowest prefix (submitter, else round, else verdict) and checks any other filter against the
/// entry's metadata, returned by the same listing call. Blob index tags were not used: Find Blobs by Tags has no order.
/// </summary>
public sealed class ReportIndex(BlobContainerClient reports)
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Listing calls one request may make when filters leave pages sparse; the token then resumes the scan.</summary>
    public const int MaxListCallsPerPage = 20;

    private const string Root = "index/";

    /// <summary>The verdicts a report can have.</summary>
    public static IReadOnlyList<string> Verdicts { get; } = ["valid", "invalid", "unreadable"];

    /// <summary>The verdict of a whole report.</summary>
    public static string VerdictOf(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Results.Count == 0 ? "unreadable" : report.AllValid ? "valid" : "invalid";
    }

    /// <summary>Writes the report's listing entries (each once; existing ones are left as they are).</summary>
    public async Task AddAsync(string id, AuditReport report, DateTimeOffset finished, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var submitters = report.Results.Select(r => r.Submitter).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var verdict = VerdictOf(report);
        var key = (DateTimeOffset.MaxValue.UtcTicks - finished.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;
        var metadata = new Dictionary<string, string>
        {
            ["id"] = id,
            ["finished"] = finished.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["suite"] = Uri.EscapeDataString(report.Rules.Suite),
            ["round"] = Uri.EscapeDataString(report.Rules.Round),
            ["verdict"] = verdict,
            ["valid"] = report.Summary.Valid.ToString(CultureInfo.InvariantCulture),
            ["invalid"] = report.Summary.Invalid.ToString(CultureInfo.InvariantCulture),
            ["submitters"] = string.Join(',', submitters.Select(Uri.EscapeDataString)),
            ["bundle"] = Uri.EscapeDataString(report.Bundle.Name),
        };
        var names = new List<string> { Root + "all/" + key, $"{Root}round/{Segment(report.Rules.Round)}/{key}", $"{Root}verdict/{verdict}/{key}" };
        names.AddRange(submitters.Select(s => $"{Root}submitter/{Segment(s)}/{key}"));
        foreach (var name in names)
        {
            await BlobWrites.WriteOnceAsync(reports.GetBlobClient(name), BinaryData.Empty, "application/octet-stream", metadata, ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>One page of finished reports, newest first.</summary>
    public async Task<ReportListPage> ListAsync(ReportListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = query.Submitter is { } s ? $"{Root}submitter/{Segment(s)}/"
            : query.Round is { } r ? $"{Root}round/{Segment(r)}/"
            : query.Verdict is { } v ? $"{Root}verdict/{v.ToLowerInvariant()}/"
            : Root + "all/";
        var found = new List<ReportListEntry>();
        var token = query.ContinuationToken;
        for (var call = 0; call < MaxListCallsPerPage && found.Count < query.PageSize; call++)
        {
            var listing = reports.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix }, ct);
            string? next = null;
            await foreach (var page in listing.AsPages(token, query.PageSize - found.Count).WithCancellation(ct).ConfigureAwait(false))
            {
                found.AddRange(page.Values.Select(Parse).OfType<ReportListEntry>().Where(e => Matches(e, query)));
                next = page.ContinuationToken;
                break;
            }

            token = string.IsNullOrEmpty(next) ? null : next;
            if (token is null)
            {
                break;
            }
        }

        return new ReportListPage(found, token);
    }

    private static bool Matches(ReportListEntry entry, ReportListQuery query)
        => (query.Submitter is null || entry.Submitters.Contains(query.Submitter, StringComparer.OrdinalIgnoreCase))
            && (query.Round is null || string.Equals(entry.Round, query.Round, StringComparison.OrdinalIgnoreCase))
            && (query.Verdict is null || string.Equals(entry.Verdict, query.Verdict, StringComparison.OrdinalIgnoreCase));

    private static ReportListEntry? Parse(BlobItem item)
    {
        var m = item.Metadata;
        if (m is null || !m.TryGetValue("id", out var id) || !m.TryGetValue("finished", out var finishedText)
            || !DateTimeOffset.TryParse(finishedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var finished))
        {
            return null; // not one of ours: skipped rather than failing the whole page
        }

        string Text(string name) => m.TryGetValue(name, out var value) ? Uri.UnescapeDataString(value) : string.Empty;
        int Count(string name) => int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var submitters = m.TryGetValue("submitters", out var list) && list.Length > 0 ? list.Split(',').Select(Uri.UnescapeDataString).ToList() : [];
        return new ReportListEntry(id, finished, Text("suite"), Text("round"), Text("verdict"), Count("valid"), Count("invalid"), submitters,
            Text("bundle"));
    }

    /// <summary>A filter value as one blob-name segment: lower-case, percent-encoded (no '/').</summary>
    private static string Segment(string value) => Uri.EscapeDataString(value.Trim().ToLowerInvariant());
}
