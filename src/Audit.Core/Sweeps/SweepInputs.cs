using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Sweeps.Formats;
using MlPerfAudit.Core.Sweeps.Manifest;
using MlPerfAudit.Core.Text;

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

    /// <summary>
    /// True when <paramref name="entry"/>'s first bytes (<paramref name="head"/>) make it a sweep input: a sweep log of a known format
    /// or a manifest.
    /// </summary>
    public static bool IsSweepLog(BundleEntry entry, string head)
    {
        if (SweepFormatDetector.IsEventFileName(entry.FileName) || SweepManifestReader.IsManifestName(entry.FileName))
        {
            return true;
        }

        if (head.Contains(":::MLLOG ", StringComparison.Ordinal))
        {
            return head.Contains("\"micro_batch_size\"", StringComparison.Ordinal)
                && head.Contains("\"train_step_time\"", StringComparison.Ordinal);
        }

        return head.Split('\n').Any(l => SweepFormatDetector.Classify(l)
            is SweepLogFormat.Nemo2 or SweepLogFormat.Nemo1 or SweepLogFormat.DlLogger or SweepLogFormat.Megatron);
    }

    /// <summary>
    /// Reads every entry of the bundle once. An entry over <see cref="SweepAuditOptions.MaxFileBytes"/> (by its stated length, or
    /// by the bytes it turns out to hold) is not read; a finding names it.
    /// </summary>
    public static SweepInputs Read(IBundle bundle, SweepAuditOptions options)
    {
        var reading = new Reading(options);
        foreach (var entry in bundle.Entries)
        {
            if (entry.Length > options.MaxFileBytes)
            {
                reading.Findings.Add(FindingCatalog.SwpLogParseFileTooBig.At(entry.Path, null, entry.Length, options.MaxFileBytes));
                continue;
            }

            var bytes = ReadAll(bundle, entry, options.MaxFileBytes);
            if (bytes is null)
            {
                reading.Findings.Add(FindingCatalog.SwpLogParseFileGrew.At(entry.Path, null, options.MaxFileBytes, entry.Length));
                continue;
            }

            reading.Add(entry, bytes);
        }

        return reading.Finish();
    }

    /// <summary>A manifest path (relative to the manifest's folder) as a bundle path.</summary>
    public static string Resolve(string? manifestPath, string file)
    {
        var folder = manifestPath is not null && manifestPath.LastIndexOf('/') is var i and >= 0 ? manifestPath[..(i + 1)] : string.Empty;
        return folder + (file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file);
    }

    /// <summary>The entry's bytes; null when it holds more than <paramref name="maxBytes"/> (its stated length may be wrong).</summary>
    private static byte[]? ReadAll(IBundle bundle, BundleEntry entry, long maxBytes)
    {
        using var s = bundle.Open(entry);
        return BoundedBytes.Read(s, maxBytes);
    }

    /// <summary>What has been read so far; one entry at a time, by kind.</summary>
    private sealed class Reading(SweepAuditOptions options)
    {
        private readonly List<SweepLog> _logs = [];
        private readonly List<TelemetryFile> _csv = [];
        private readonly List<(BundleEntry Entry, byte[] Bytes)> _dcgm = [];
        private (GpuLimits, string)? _limits;
        private SweepManifestFile? _manifest;
        private string? _manifestPath;
        private IReadOnlyList<int> _runLines = [];

        public List<Finding> Findings { get; } = [];

        public void Add(BundleEntry entry, byte[] bytes)
        {
            if (SweepFormatDetector.IsEventFileName(entry.FileName))
            {
                using var s = new MemoryStream(bytes, writable: false);
                _logs.Add(TfEventReader.Read(s, entry.Path, options.MaxLineBytes));
            }
            else if (SweepManifestReader.IsManifestName(entry.FileName))
            {
                AddManifest(entry, bytes);
            }
            else
            {
                AddText(entry, bytes);
            }
        }

        public SweepInputs Finish()
        {
            var telemetry = new List<TelemetryFile>(_csv);
            foreach (var (entry, bytes) in _dcgm)
            {
                var basis = _manifest?.Telemetry?.FirstOrDefault(t => Resolve(_manifestPath, t.File) == entry.Path);
                if (basis is null)
                {
                    Findings.Add(FindingCatalog.SwpTelNoTimeDcgm.At(entry.Path, null));
                }

                using var s = new MemoryStream(bytes, writable: false);
                var start = SweepManifestReader.ParseTime(basis?.Start);
                var file = DcgmDmon.Parse(s, entry.Path, start, basis?.IntervalMs ?? 1000, options.MaxLineBytes);
                telemetry.Add(basis is null ? file with { Samples = [] } : file);
            }

            return new SweepInputs(_logs, telemetry, _limits, _manifest, _manifestPath, _runLines, Findings);
        }

        private void AddManifest(BundleEntry entry, byte[] bytes)
        {
            var read = SweepManifestReader.Read(bytes, !entry.FileName.EndsWith(".json", StringComparison.Ordinal));
            if (_manifest is not null)
            {
                Findings.Add(FindingCatalog.SwpManifestInvalid.At(entry.Path, null, _manifestPath));
            }
            else if (read.File is null)
            {
                Findings.AddRange(read.Errors.Take(options.MaxParseFindings)
                    .Select(e => FindingCatalog.SwpManifestInvalidProblem.At(entry.Path, e.Line, e.Message)));
            }
            else
            {
                (_manifest, _manifestPath, _runLines) = (read.File, entry.Path, read.RunLines);
            }
        }

        private void AddText(BundleEntry entry, byte[] bytes)
        {
            var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, PeekBytes));
            var firstLine = head.TrimStart('\uFEFF').Split('\n', 2)[0].TrimEnd('\r');
            using var s = new MemoryStream(bytes, writable: false);
            if (NvidiaSmiCsv.IsTelemetryHeader(firstLine))
            {
                _csv.Add(NvidiaSmiCsv.Parse(s, entry.Path, options.TelemetryUtcOffsetMinutes, options.MaxLineBytes));
                return;
            }

            if (head.Split('\n').Take(64).Any(DcgmDmon.IsHeader))
            {
                _dcgm.Add((entry, bytes));
                return;
            }

            var scan = SweepFormatDetector.Scan(bytes, options.MaxLineBytes);
            if (scan.Mixed)
            {
                var formats = string.Join(
                    ", ", scan.Found.Select(f => FindingCatalog.SwpLogMixedFormat.Text(SweepFormatDetector.Name(f.Format), f.Line)));
                Findings.Add(FindingCatalog.SwpLogMixed.At(entry.Path, scan.Found[1].Line, formats));
            }
            else if (scan.Single is { } format)
            {
                _logs.Add(format == SweepLogFormat.Mllog ? MllogSweepReader.Read(bytes, entry.Path, options.MaxLineBytes)
                    : TextSweepReader.Read(s, entry.Path, format, options.MaxLineBytes, options.TelemetryUtcOffsetMinutes));
            }
            else if (_limits is null && NvidiaSmiCsv.FindLimits(s, options.MaxLineBytes) is { } found)
            {
                _limits = (found, entry.Path);
            }
        }
    }
}
