using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Tests.Signing;

/// <summary>Builds <see cref="AuditReport"/> values directly from the Core records, for signing tests.</summary>
internal static class SampleReports
{
    /// <summary>The bytes the sample bundle digest is computed over (the spec example's 20-byte file).</summary>
    public static readonly byte[] BundleBytes = Encoding.ASCII.GetBytes("MLPerf bundle bytes\n");

    /// <summary>Hex SHA-256 of <see cref="BundleBytes"/>.</summary>
    public static readonly string BundleSha256 = Convert.ToHexStringLower(SHA256.HashData(BundleBytes));

    /// <summary>A report with <paramref name="valid"/> valid and <paramref name="invalid"/> invalid results.</summary>
    public static AuditReport Create(int valid = 2, int invalid = 0, string bundleName = "bundle.tar.gz", string? bundleSha256 = null)
    {
        var results = new List<ResultReport>();
        for (var i = 0; i < valid + invalid; i++)
        {
            var ok = i < valid;
            var findings = ok
                ? Array.Empty<Finding>()
                : [new Finding("INF-LAT-001", Severity.Error, "99th percentile latency 2100 ms exceeds the 2000 ms limit.", "mlperf_log_detail.txt",
                    12)];
            results.Add(new ResultReport(
                $"closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline{i}",
                "closed",
                "Azure",
                "ND_GB200_v6",
                "llama2-70b-99",
                "Offline",
                ok ? Verdict.Valid : Verdict.Invalid,
                new Metric("result_tokens_per_second", 15200.5 + i, "Tokens/s", "mlperf_log_detail.txt", 40),
                72,
                1,
                new DerivedMetrics(211.1, 15200.5, "headline / 72 accelerators"),
                findings));
        }

        return new AuditReport(
            new ToolInfo("mlperf-audit", "0.1.0"),
            new RulesInfo("inference", "v5.1", new string('a', 64)),
            new BundleInfo(bundleSha256 ?? BundleSha256, bundleName),
            results,
            [],
            new ReportSummary(valid, invalid));
    }
}
