using System.Security.Cryptography;
using System.Text.Json;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Local.Gate;

/// <summary>What <see cref="GateInputLoader.Load"/> read: the gate's inputs, or every problem found (each naming its file and line).</summary>
/// <param name="Inputs">The inputs, when there was no error.</param>
/// <param name="Errors">Every problem, <c>file:line: message</c>; empty on success.</param>
public sealed record GateLoadResult(GateInputs? Inputs, IReadOnlyList<string> Errors);

/// <summary>
/// The local edge of the gate: reads the claims file, audits each evidence bundle (or reads an existing
/// <c>report.json</c>), and loads the published tables. Reports every problem together.
/// </summary>
public static class GateInputLoader
{
    /// <summary>Loads everything the gate needs.</summary>
    /// <param name="claimsPath">Claims file (JSON, <c>schemas/claims.schema.json</c>).</param>
    /// <param name="evidencePaths">Bundles (folder, zip, tar, tar.gz) to audit, or audit reports (<c>report.json</c>).</param>
    /// <param name="baselinePaths">Published tables: inference <c>summary_results.json</c>, training <c>summary.json</c> or score CSV.</param>
    /// <param name="tool">Tool identity for the audits run here.</param>
    /// <param name="auditClock">The clock the evidence audits' time limit (<c>MaxAuditTime</c>) is measured on; null applies none.</param>
    public static GateLoadResult Load(
        string claimsPath, IReadOnlyList<string> evidencePaths, IReadOnlyList<string> baselinePaths, ToolInfo tool,
        NodaTime.IClock? auditClock = null)
    {
        ArgumentNullException.ThrowIfNull(claimsPath);
        ArgumentNullException.ThrowIfNull(evidencePaths);
        ArgumentNullException.ThrowIfNull(baselinePaths);
        var errors = new List<string>();

        ClaimsReadResult? claims = null;
        BundleInfo? claimsInfo = null;
        if (ReadFile(claimsPath, errors) is { } claimsBytes)
        {
            claims = ClaimsJson.Read(claimsBytes);
            errors.AddRange(claims.Errors.Select(e => $"{claimsPath}: {e}"));
            claimsInfo = new BundleInfo(Convert.ToHexStringLower(SHA256.HashData(claimsBytes)), Path.GetFileName(claimsPath));
        }

        var evidence = new List<AuditedEvidence>();
        foreach (var path in evidencePaths)
        {
            if (LoadEvidence(path, tool, auditClock, errors) is { } report)
            {
                evidence.Add(new AuditedEvidence(path, report));
            }
        }

        var rows = new List<PublishedResult>();
        var tables = new List<GateBaselineInfo>();
        foreach (var path in baselinePaths)
        {
            if (ReadFile(path, errors) is not { } bytes)
            {
                continue;
            }

            using var stream = new MemoryStream(bytes, writable: false);
            var table = BaselineLoader.Load(stream, path);
            errors.AddRange(table.Errors.Select(e => e.ToString()));
            rows.AddRange(table.Rows);
            var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
            tables.Add(new GateBaselineInfo(path, digest, table.Rows.Count, PublishedUnitCheck.Check(table.Rows).Findings.Count));
        }

        if (errors.Count > 0 || claims?.File is null || claimsInfo is null)
        {
            return new GateLoadResult(null, errors);
        }

        return new GateLoadResult(new GateInputs(claims.File, claimsInfo, claims.Lines, evidence, new BaselineIndex(rows), tables), []);
    }

    private static byte[]? ReadFile(string path, List<string> errors)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{path}: cannot be read ({ex.Message})");
            return null;
        }
    }

    private static AuditReport? LoadEvidence(string path, ToolInfo tool, NodaTime.IClock? auditClock, List<string> errors)
    {
        if (File.Exists(path) && LooksLikeJson(path))
        {
            var bytes = ReadFile(path, errors);
            if (bytes is null)
            {
                return null;
            }

            try
            {
                return ReportJson.Deserialize(bytes);
            }
            catch (JsonException ex)
            {
                errors.Add($"{path}:{(ex.LineNumber ?? 0) + 1}: not an audit report (report.json): {ex.Message.Split(" Path:")[0]}");
                return null;
            }
        }

        var options = new InferenceAuditOptions { Clock = auditClock };
        using var opened = BundleOpener.Open(path, options.Limits, out var error);
        if (opened is null)
        {
            errors.Add($"{error!.Message} ({error.Code})");
            return null;
        }

        AuditReport report;
        try
        {
            report = SuiteAuditor.Audit(opened, options, tool);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder's files are hashed while it is audited, so a file that cannot be read shows up here.
            errors.Add($"{path}: cannot be read ({ex.Message})");
            return null;
        }

        if (report.Results.Count == 0)
        {
            errors.Add($"{path}: no MLPerf result was found in the bundle");
            return null;
        }

        return report;
    }

    private static bool LooksLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[64];
        var n = stream.Read(head);
        var i = head[..n].IndexOfAnyExcept(" \t\r\n"u8);
        return i >= 0 && head[i] == (byte)'{';
    }
}
