using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Sweeps.Formats;
using MlPerfAudit.Core.Sweeps.Manifest;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>Everything a sweep bundle holds, read: logs in any format, telemetry (nvidia-smi CSV, DCGM dmon), GPU limits and the manifest.</summary>
internal sealed record SweepInputs(
    IReadOnlyList<SweepLog> Logs,
    IReadOnlyList<TelemetryFile> Telemetry,
    (GpuLimits Limits, string File)? EnvironmentLimits,
    SweepManifestFile? Manifest,
    string? ManifestPath,
    IReadOnlyList<int> ManifestRunLines,
    IReadOnlyList<Finding> Findings)
{
    private const int PeekBytes = 64 * 1024;

    /// <summary>True when <paramref name="entry"/>'s first bytes (<paramref name="head"/>) make it a sweep input: a sweep log of a known format or a manifest.</summary>
    public static bool IsSweepLog(BundleEntry entry, string head)
    {
        if (SweepFormatDetector.IsEventFileName(entry.FileName) || SweepManifestReader.IsManifestName(entry.FileName))
        {
            return true;
        }

        if (head.Contains(":::MLLOG ", StringComparison.Ordinal))
        {
            return head.Contains("\"micro_batch_size\"", StringComparison.Ordinal) && head.Contains("\"train_step_time\"", StringComparison.Ordinal);
        }

        return head.Split('\n').Any(l => SweepFormatDetector.Classify(l) is SweepLogFormat.Nemo2 or SweepLogFormat.Nemo1 or SweepLogFormat.DlLogger or SweepLogFormat.Megatron);
    }

    /// <summary>Reads every entry of the bundle once.</summary>
    public static SweepInputs Read(IBundle bundle, SweepAuditOptions options)
    {
        var findings = new List<Finding>();
        var logs = new List<SweepLog>();
        var csv = new List<TelemetryFile>();
        var dcgm = new List<(BundleEntry Entry, byte[] Bytes)>();
        (GpuLimits, string)? limits = null;
        SweepManifestFile? manifest = null;
        string? manifestPath = null;
        IReadOnlyList<int> runLines = [];
        foreach (var entry in bundle.Entries)
        {
            if (entry.Length > options.MaxFileBytes)
            {
                findings.Add(Finding.Of(FindingCatalog.SwpLogParse, $"The file is {entry.Length} bytes, over the {options.MaxFileBytes}-byte limit; it was not read.", entry.Path));
                continue;
            }

            var bytes = ReadAll(bundle, entry);
            if (SweepFormatDetector.IsEventFileName(entry.FileName))
            {
                using var s = new MemoryStream(bytes, writable: false);
                logs.Add(TfEventReader.Read(s, entry.Path, options.MaxLineBytes));
                continue;
            }

            if (SweepManifestReader.IsManifestName(entry.FileName))
            {
                var read = SweepManifestReader.Read(bytes, !entry.FileName.EndsWith(".json", StringComparison.Ordinal));
                if (manifest is not null)
                {
                    findings.Add(Finding.Of(FindingCatalog.SwpManifestInvalid, $"A second manifest; only {manifestPath} is used.", entry.Path));
                }
                else if (read.File is null)
                {
                    findings.AddRange(read.Errors.Take(options.MaxParseFindings).Select(e => Finding.Of(FindingCatalog.SwpManifestInvalid, e, entry.Path, LineOf(e))));
                }
                else
                {
                    (manifest, manifestPath, runLines) = (read.File, entry.Path, read.RunLines);
                }

                continue;
            }

            var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, PeekBytes));
            var firstLine = head.TrimStart('\uFEFF').Split('\n', 2)[0].TrimEnd('\r');
            if (NvidiaSmiCsv.IsTelemetryHeader(firstLine))
            {
                using var s = new MemoryStream(bytes, writable: false);
                csv.Add(NvidiaSmiCsv.Parse(s, entry.Path, options.TelemetryUtcOffsetMinutes, options.MaxLineBytes));
                continue;
            }

            if (head.Split('\n').Take(64).Any(DcgmDmon.IsHeader))
            {
                dcgm.Add((entry, bytes));
                continue;
            }

            var scan = SweepFormatDetector.Scan(bytes);
            if (scan.Mixed)
            {
                findings.Add(Finding.Of(FindingCatalog.SwpLogMixed, $"The file mixes log formats: {string.Join(", ", scan.Found.Select(f => $"{SweepFormatDetector.Name(f.Format)} from line {f.Line}"))}; it was not read.",
                    entry.Path, scan.Found[1].Line));
                continue;
            }

            if (scan.Single is { } format)
            {
                using var s = new MemoryStream(bytes, writable: false);
                logs.Add(format == SweepLogFormat.Mllog ? MllogSweepReader.Read(bytes, entry.Path, options.MaxLineBytes)
                    : TextSweepReader.Read(s, entry.Path, format, options.MaxLineBytes, options.TelemetryUtcOffsetMinutes));
                continue;
            }

            using (var s = new MemoryStream(bytes, writable: false))
            {
                if (limits is null && NvidiaSmiCsv.FindLimits(s, options.MaxLineBytes) is { } found)
                {
                    limits = (found, entry.Path);
                }
            }
        }

        var telemetry = new List<TelemetryFile>(csv);
        foreach (var (entry, bytes) in dcgm)
        {
            var basis = manifest?.Telemetry?.FirstOrDefault(t => Resolve(manifestPath, t.File) == entry.Path);
            if (basis is null)
            {
                findings.Add(Finding.Of(FindingCatalog.SwpTelNoTime, "DCGM dmon output has no time stamps and the sweep manifest gives no start and intervalMs for it; it was read but not matched to any configuration.", entry.Path));
            }

            using var s = new MemoryStream(bytes, writable: false);
            var file = DcgmDmon.Parse(s, entry.Path, SweepManifestReader.ParseTime(basis?.Start), basis?.IntervalMs ?? 1000, options.MaxLineBytes);
            telemetry.Add(basis is null ? file with { Samples = [] } : file);
        }

        return new SweepInputs(logs, telemetry, limits, manifest, manifestPath, runLines, findings);
    }

    /// <summary>A manifest path (relative to the manifest's folder) as a bundle path.</summary>
    public static string Resolve(string? manifestPath, string file)
    {
        var folder = manifestPath is not null && manifestPath.LastIndexOf('/') is var i and >= 0 ? manifestPath[..(i + 1)] : string.Empty;
        return folder + (file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file);
    }

    private static int? LineOf(string error)
    {
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return error.StartsWith("line ", StringComparison.Ordinal) && colon > 5
            && int.TryParse(error.AsSpan(5, colon - 5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static byte[] ReadAll(IBundle bundle, BundleEntry entry)
    {
        using var s = bundle.Open(entry);
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }
}
