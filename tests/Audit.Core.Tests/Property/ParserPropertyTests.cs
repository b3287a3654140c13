using FsCheck;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Bundles.Gzip;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Systems;
using MlPerfAudit.Core.Mllog;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over every parser of untrusted input: arbitrary bytes, format tokens mixed with noise, and real
/// corpus files mutated (<see cref="HostileBytes"/>) give a result, or the parser's declared input error — never another
/// exception and never a hang (<see cref="PropertyRuns"/>: fixed seed, 100 cases per property in CI).
/// </summary>
public sealed class ParserPropertyTests
{
    private const string Result = "inference/v5.1/closed/Azure/results/ND_GB200_v6/llama3.1-405b/Offline";

    private static byte[] CorpusFile(string relative) => File.ReadAllBytes(RepoPaths.Corpus(relative.Split('/')));

    private static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);

    private static readonly bool[] Both = [false, true];

    private static readonly string[] DetailKeys = ["result_validity", "effective_scenario", "result_samples_per_second", "effective_min_duration_ms", "a"];

    private sealed class NullTarget : IExtractionTarget
    {
        public void Write(string path, Stream content) => content.CopyTo(System.IO.Stream.Null);
    }

    [AuditProperty]
    public Property MllogReaderRead_OnHostileBytes_ReturnsRecordsAndProblemsWithLinesInRange()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(Result + "/performance/run_1/mlperf_log_detail.txt")[..20_000]), bytes =>
        {
            foreach (var tokenAnywhere in Both)
            {
                var problems = MllogReader.Read(Stream(bytes), 1024, tokenAnywhere, record => _ = MllogReader.Describe(record));
                Assert.All(problems, p => Assert.InRange(p.Line, 1, bytes.Length + 1));
            }
        });

    [AuditProperty]
    public Property DetailLogRead_OnHostileBytes_ReturnsALogWhoseValuesCanBeRead()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(Result + "/performance/run_1/mlperf_log_detail.txt")), bytes =>
        {
            var log = DetailLog.Read(Stream(bytes), "mlperf_log_detail.txt", 4096);
            _ = log.ErrorCount;
            foreach (var key in DetailKeys)
            {
                _ = log.ReadNumber(key);
                _ = log.ReadUnsigned(key);
                _ = log.ReadInteger(key);
                _ = log.ReadFlag(key);
                _ = log.ReadText(key);
            }
        });

    [AuditProperty]
    public Property SummaryLogRead_OnHostileBytes_ReturnsEntriesAndProblems()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(Result + "/performance/run_1/mlperf_log_summary.txt")), bytes =>
        {
            var log = SummaryLog.Read(Stream(bytes), "mlperf_log_summary.txt", 1024);
            Assert.All(log.Entries, e => Assert.InRange(e.Line, 1, bytes.Length + 1));
            _ = log.Find("Result is");
        });

    [AuditProperty]
    public Property AccuracyTextRead_OnHostileBytes_ReturnsAResult()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(Result + "/accuracy/accuracy.txt")), bytes =>
            Assert.NotNull(AccuracyText.Read(Stream(bytes), new Dictionary<string, Regex>
            {
                ["rougeL"] = new("'rougeL': (?<v>[-0-9.e]+)", RegexOptions.None, TimeSpan.FromSeconds(1)),
                ["tokens_per_sample"] = new("'tokens_per_sample': (?<v>[-0-9.e]+)", RegexOptions.None, TimeSpan.FromSeconds(1)),
            }, 1024)));

    [AuditProperty]
    public Property ComplianceVerificationRead_OnHostileBytes_ReturnsItsLines()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("inference/v5.1/closed/Azure/compliance/ND_GB200_v6/llama3.1-405b/Offline/TEST06/verify_accuracy.txt")), bytes =>
            Assert.NotNull(ComplianceVerification.Read(Stream(bytes), 1024).Lines));

    [AuditProperty]
    public Property JsonFileRead_OnHostileBytes_ReturnsARootOrAnErrorWhoseStringsCanBeRead()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("inference/v5.1/closed/Azure/systems/ND_GB200_v6.json")), bytes =>
        {
            var json = JsonFile.Read(Stream(bytes), "s.json", 4096);
            Assert.True(json.Error is not null ^ json.Root is not null);
            if (json.Root is { } root)
            {
                _ = root.GetRawText();
                foreach (var member in root.EnumerateObject())
                {
                    _ = json.Text(member.Name);
                    _ = json.WholeNumber(member.Name);
                    _ = JsonFile.IsEmpty(member.Value);
                }
            }
        });

    [AuditProperty]
    public Property TrainingLogParserParse_OnHostileBytes_ReturnsRecordsAndProblems()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("training/v4.1/Azure/results/ND_H200_v5_n64_nemo/llama2_70b_lora/result_0.txt")), bytes =>
        {
            var log = TrainingLogParser.Parse(Stream(bytes), "result_0.txt", 4096);
            Assert.All(log.Problems, p => Assert.InRange(p.Line, 0, bytes.Length + 1));
        });

    [AuditProperty]
    public Property TrainingSystemDescriptionRead_OnHostileBytes_ReturnsADescriptionOrFindings()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("training/v4.1/Azure/systems/ND_H200_v5_n64_nemo.json")), bytes =>
        {
            var findings = new List<Finding>();
            if (SystemDescription.Read(Stream(bytes), "systems/s.json", findings) is null)
            {
                Assert.NotEmpty(findings);
            }
        });

    [AuditProperty]
    public Property SweepLogRead_OnHostileBytes_ReturnsALog()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("sweeps/h200-llama-0.9b-mbs/mbs2.txt")), bytes =>
            Assert.NotNull(SweepLog.Read(bytes, "mbs2.txt", 4096)));

    [AuditProperty]
    public Property NvidiaSmiCsvParse_OnHostileBytes_ReturnsSamplesAndProblems()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("sweeps/h200-llama-0.9b-mbs/telemetry.csv"), CorpusFile("sweeps/h200-llama-0.9b-mbs/environment.txt")), bytes =>
        {
            var file = NvidiaSmiCsv.Parse(Stream(bytes), "telemetry.csv", 0, 4096);
            Assert.All(file.Problems, p => Assert.True(p.Line >= 0));
            _ = NvidiaSmiCsv.FindLimits(Stream(bytes), 4096);
        });

    [AuditProperty]
    public Property ClaimsJsonRead_OnHostileBytes_ReturnsClaimsOrErrors()
        => PropertyRuns.ForAll(HostileBytes.Mixed(
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Claims/TestData/readme-claims.json")),
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Claims/TestData/claims-corpus.json"))), bytes =>
                Assert.NotNull(ClaimsJson.Read(bytes)));

    [AuditProperty]
    public Property BaselineLoaderLoad_OnHostileBytes_ReturnsRowsAndErrors()
        => PropertyRuns.ForAll(HostileBytes.Mixed(
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/mlcommons-training_results_v5.1/Quanta_Cloud_Technology/summary.json")),
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/derived/training_llama31_time_to_train.csv"))[..4000],
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/mlcommons-inference_results_v5.1/summary_results.json"))[..6000]), bytes =>
                Assert.NotNull(BaselineLoader.Load(Stream(bytes), "table")));

    /// <summary>An endpoints result's config.yaml: its scalars, or a YAML error with a line in the file; never another exception.</summary>
    [AuditProperty]
    public Property YamlScalarsRead_OnHostileText_ReturnsScalarsOrAnErrorWithItsLine()
        => PropertyRuns.ForAll(HostileBytes.Mixed("name: run\nsettings:\n  runtime:\n    min_duration_ms: 600000\n    seed: '7' # c\n  load: [1, {a: b}]\n"u8.ToArray()), bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                _ = YamlScalars.Read(new StringReader(text)).WholeNumber("settings.runtime.min_duration_ms");
            }
            catch (YamlScalarsException ex)
            {
                Assert.InRange(ex.Line, 1, text.Count(c => c == '\n') + 2);
            }
        });

    /// <summary>A submitter's model_mapping.json (open division: which official model a result folder stands for).</summary>
    [AuditProperty]
    public Property OpenModelMappingRead_OnHostileBytes_ReturnsAMappingPossiblyEmpty()
    {
        const string Mapping = "closed/Azure/model_mapping.json";
        return PropertyRuns.ForAll(HostileBytes.Mixed("{\"llama2-70b-99-custom\": \"llama2-70b-99\", \"x\": \"resnet\"}"u8.ToArray()), bytes =>
        {
            using var bundle = Corpus.OpenV51().Replace(Mapping, bytes);
            var location = Core.Inference.Layout.ResultLocator.Locate(bundle).First(l => l.SubmitterFolder == "closed/Azure");
            Assert.NotNull(Core.Inference.Layout.OpenModelMapping.Read(location, new BundleIndex(bundle)));
        });
    }

    /// <summary>A prior-logs index (<c>--prior-logs</c>, <c>AUDIT_PRIOR_LOGS</c>): the index, or null with every problem.</summary>
    [AuditProperty]
    public Property PriorLogIndexLoad_OnHostileBytes_ReturnsAnIndexOrErrors()
    {
        using var opened = new OpenedBundle(new Tests.Training.FolderBundle(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure")), "0000");
        var (report, logs) = Core.Inference.InferenceAuditor.AuditAndIndex(opened, new Core.Inference.InferenceAuditOptions { Round = "v5.1" }, Corpus.Tool);
        var index = Core.Inference.PriorLogs.PriorLogJson.Serialize(Core.Inference.PriorLogs.PriorLogIndexFile.Create(
            [new Core.Inference.PriorLogs.PriorLogSource("v5.1", report.Bundle.Sha256, "v5.1", report.Results.Count)], logs));
        return PropertyRuns.ForAll(HostileBytes.Mixed(index), bytes =>
        {
            var loaded = Core.Inference.PriorLogs.PriorLogIndex.Load([("index.json", bytes)], out var errors);
            Assert.True(loaded is not null ^ errors.Count > 0);
            _ = loaded?.Find(new string('0', 64));
        });
    }

    private static readonly Lazy<byte[]> AzureReport = new(() => ReportJson.Serialize(Corpus.Audit(new Tests.Training.FolderBundle(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure")))));

    [AuditProperty]
    public Property ReportJsonDeserialize_OnHostileBytes_ReturnsAReportOrAJsonError()
        => PropertyRuns.ForAll<byte[], JsonException>(HostileBytes.Mixed(AzureReport.Value), bytes => _ = ReportJson.Deserialize(bytes));

    private static readonly Lazy<(byte[] Pem, byte[] Jwks, byte[] Envelope)> Signing = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var payload = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Signing/TestData/statement-passed.json"));
        var envelope = $$"""{"payloadType":"application/vnd.in-toto+json","payload":"{{Convert.ToBase64String(payload)}}","signatures":[{"keyid":"{{KeyIds.Of(spki)}}","sig":"{{Convert.ToBase64String(key.SignData(Pae.Encode("application/vnd.in-toto+json", payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))}}"}]}""";
        return (Encoding.ASCII.GetBytes(PublicKeyExport.ToPem(spki)), PublicKeyExport.ToJwks([spki]), Encoding.UTF8.GetBytes(envelope));
    });

    [AuditProperty]
    public Property DsseJsonTryRead_OnHostileBytes_ReturnsAnEnvelopeOrAnError()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Signing.Value.Envelope), bytes =>
            Assert.True(DsseJson.TryRead(bytes, out var error) is not null ^ error is not null));

    /// <summary>
    /// <c>verify</c> end to end: hostile envelope bytes, and hostile statements signed with the trusted key (so the statement
    /// reader is reached too), give a verdict with a reason, never an exception.
    /// </summary>
    [AuditProperty]
    public Property EnvelopeVerifierVerify_OnHostileEnvelopesAndSignedHostileStatements_GivesAVerdict()
    {
        // Not disposed here: the property runs (and signs) after this method returns.
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var keys = PublicKeySet.FromSpki(spki);
        var statement = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Signing/TestData/statement-passed.json"));
        byte[] Sign(byte[] payload) => Encoding.UTF8.GetBytes($$"""{"payloadType":"application/vnd.in-toto+json","payload":"{{Convert.ToBase64String(payload)}}","signatures":[{"keyid":"{{KeyIds.Of(spki)}}","sig":"{{Convert.ToBase64String(key.SignData(Pae.Encode("application/vnd.in-toto+json", payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))}}"}]}""");
        var envelopes = Gen.OneOf(HostileBytes.Mixed(Sign(statement)).Generator, HostileBytes.Mutated(statement).Select(Sign));
        return PropertyRuns.ForAll(envelopes.ToArbitrary(), bytes =>
        {
            var verdict = EnvelopeVerifier.Verify(bytes, keys, "{}"u8.ToArray(), new string('0', 64));
            Assert.True(verdict.Verified || !string.IsNullOrEmpty(verdict.Message));
        });
    }

    [AuditProperty]
    public Property PublicKeySetTryRead_OnHostilePemOrJwks_ReturnsKeysOrAnError()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Signing.Value.Pem, Signing.Value.Jwks), bytes =>
            Assert.True(PublicKeySet.TryRead(bytes, out var error) is not null ^ error is not null));

    [AuditProperty]
    public Property SweepClaimTryParse_OnAnyText_ReturnsTrueOrAReason()
        => PropertyRuns.ForAll(ArbMap.Default.ArbFor<string>(), text =>
            Assert.True(text is null || SweepClaim.TryParse(text, out _, out var reason) || reason.Length > 0));

    [AuditProperty]
    public Property IntegerArrayTryMatch_AcceptsExactlyWhatSystemTextJsonReadsAsAnIntegerArray()
    {
        byte[][] parts = ["]"u8.ToArray(), ","u8.ToArray(), "0"u8.ToArray(), "7"u8.ToArray(), "12"u8.ToArray(), "-"u8.ToArray(),
            "01"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "\n"u8.ToArray(), "1.5"u8.ToArray(), "1e3"u8.ToArray(), "\"x\""u8.ToArray(), "99999999999999999999"u8.ToArray()];
        var arrays = from body in Gen.ArrayOf(Gen.Elements(parts))
                     from close in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
                     select (byte[])[(byte)'[', .. body.SelectMany(p => p), .. (close ? "]"u8.ToArray() : [])];
        return PropertyRuns.ForAll(arrays.ToArbitrary(), bytes =>
        {
            var matched = IntegerArray.TryMatch(bytes, out var length);
            Assert.Equal(IsIntegerArray(bytes, out var expectedLength), matched);
            if (matched)
            {
                Assert.Equal(expectedLength, length);
            }
        });
    }

    /// <summary>The oracle: System.Text.Json reads an array whose elements are all numbers without fraction or exponent.</summary>
    private static bool IsIntegerArray(byte[] bytes, out int length)
    {
        length = 0;
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    length = (int)reader.BytesConsumed;
                    return true;
                }

                if (reader.TokenType != JsonTokenType.Number || reader.ValueSpan.IndexOfAny(".eE"u8) >= 0)
                {
                    return false;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // ---- archives, built here from real logs ------------------------------------------------------------------

    private static readonly string[] ArchiveLogs =
    [
        Result + "/performance/run_1/mlperf_log_summary.txt",
        Result + "/accuracy/accuracy.txt",
        "inference/v5.1/closed/Azure/systems/ND_GB200_v6.json",
    ];

    private static readonly Lazy<byte[]> RealTar = new(() =>
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var log in ArchiveLogs)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, log) { ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), DataStream = new MemoryStream(CorpusFile(log)) });
            }

            tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "link") { ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), LinkName = "../x" });
        }

        return stream.ToArray();
    });

    private static readonly Lazy<byte[]> RealZip = new(() =>
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var log in ArchiveLogs)
            {
                var entry = zip.CreateEntry(log);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var content = entry.Open();
                content.Write(CorpusFile(log));
            }
        }

        return stream.ToArray();
    });

    /// <summary>A gzip member of no data (GZipStream writes nothing at all for empty input): header, empty final block, CRC 0, size 0.</summary>
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static byte[] Gzip(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    [AuditProperty]
    public Property TarArchiveReaderExtract_OnHostileTar_ReturnsFindingsOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(HostileBytes.Mixed(RealTar.Value), bytes =>
            TarArchiveReader.Extract("t.tar", Stream(bytes), gzip: false, BundleLimits.Default, new NullTarget()));

    [AuditProperty]
    public Property TarArchiveReaderExtract_OnHostileTarGz_ReturnsFindingsOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(
            Gen.OneOf(HostileBytes.Mixed(Gzip(RealTar.Value)).Generator, HostileBytes.Mutated(RealTar.Value).Select(Gzip)).ToArbitrary(),
            bytes => TarArchiveReader.Extract("t.tar.gz", Stream(bytes), gzip: true, BundleLimits.Default, new NullTarget()));

    [AuditProperty]
    public Property GzipReadStream_OnHostileBytes_ReadsOrThrowsInvalidData()
        => PropertyRuns.ForAll<byte[], InvalidDataException>(HostileBytes.Mixed(Gzip(RealTar.Value), Gzip([])), bytes =>
        {
            using var gzip = new GzipReadStream(Stream(bytes));
            gzip.CopyTo(System.IO.Stream.Null);
        });

    /// <summary>Any data, split into any number of gzip members: read back byte for byte; cut inside the last trailer: refused.</summary>
    [AuditProperty]
    public Property GzipReadStream_OnAnyDataInAnyMembers_ReadsItBackAndRefusesEveryCutTrailer()
    {
        var cases = from data in ArbMap.Default.GeneratorFor<byte[]>()
                    from cuts in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, data.Length)))
                    from trailerCut in Gen.Choose(1, 8)
                    select (Data: data, Cuts: cuts, TrailerCut: trailerCut);
        return PropertyRuns.ForAll(cases.ToArbitrary(), c =>
        {
            var bounds = c.Cuts.Append(0).Append(c.Data.Length).Distinct().Order().ToArray();
            var members = c.Data.Length == 0 ? EmptyMember : bounds.Zip(bounds.Skip(1)).Select(b => Gzip(c.Data[b.First..b.Second])).SelectMany(m => m).ToArray();
            using (var read = new GzipReadStream(Stream(members)))
            using (var back = new MemoryStream())
            {
                read.CopyTo(back);
                Assert.Equal(c.Data, back.ToArray());
            }

            using var cut = new GzipReadStream(Stream(members[..^c.TrailerCut]));
            Assert.Throws<InvalidDataException>(() => cut.CopyTo(System.IO.Stream.Null));
        });
    }

    [AuditProperty]
    public Property ZipBundleOpen_OnHostileZip_ReturnsABundleOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(HostileBytes.Mixed(RealZip.Value), bytes =>
        {
            using var bundle = ZipBundle.Open("t.zip", Stream(bytes), BundleLimits.Default);
            foreach (var entry in bundle.Entries)
            {
                try
                {
                    using var stream = bundle.Open(entry);
                    stream.CopyTo(System.IO.Stream.Null);
                }
                catch (BundleInputException)
                {
                }
            }
        });

    /// <summary>What <c>mlperf-audit check</c> does first: any file, whatever its name, opens or is an input error; never an exception.</summary>
    [AuditProperty]
    public Property BundleOpenerOpen_OnAnyFile_OpensOrGivesAnInputError()
    {
        // Each case writes its own file and deletes it: the property is checked after this method returns.
        var inputs = Gen.OneOf(HostileBytes.Mixed(RealZip.Value, RealTar.Value, Gzip(RealTar.Value)).Generator, HostileBytes.Mutated(RealTar.Value).Select(Gzip));
        return PropertyRuns.ForAll(inputs.ToArbitrary(), bytes =>
        {
            var file = Path.Combine(Path.GetTempPath(), "mlperf-audit-property-" + Guid.NewGuid().ToString("N") + ".zip");
            File.WriteAllBytes(file, bytes);
            try
            {
                using var opened = BundleOpener.Open(file, BundleLimits.Default, out var error);
                Assert.True(opened is not null ^ error is not null);
                Assert.True(error is null || error.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal), error?.Message);
            }
            finally
            {
                File.Delete(file);
            }
        });
    }
}
