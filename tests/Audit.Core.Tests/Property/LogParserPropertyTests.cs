using FsCheck;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Systems;
using MlPerfAudit.Core.Mllog;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Core.Training.Logs;
using static MlPerfAudit.Core.Tests.Properties.PropertyInputs;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over the parsers of a result's logs and files: MLLOG (and its integer-array fast path), the
/// LoadGen detail and summary logs, accuracy and compliance texts, JSON files, training logs and system descriptions,
/// sweep logs and nvidia-smi CSV.
/// Every property: arbitrary bytes, format tokens mixed with noise, and real corpus files mutated
/// (<see cref="HostileBytes"/>) give a result, or the parser's declared input error — never another exception and
/// never a hang (<see cref="PropertyRuns"/>: fixed seed, 100 cases per property in CI).
/// </summary>
public sealed class LogParserPropertyTests
{
    private static readonly string[] DetailKeys = ["result_validity", "effective_scenario", "result_samples_per_second", "effective_min_duration_ms",
        "a"];

    [AuditProperty]
    public Property MllogReaderRead_OnHostileBytes_ReturnsRecordsAndProblemsWithLinesInRange()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(CorpusResult + "/performance/run_1/mlperf_log_detail.txt")[..20_000]), bytes =>
        {
            foreach (var tokenAnywhere in Both)
            {
                var problems = MllogReader.Read(ReadOnlyStream(bytes), 1024, tokenAnywhere, record => _ = MllogReader.Describe(record));
                Assert.All(problems, p => Assert.InRange(p.Line, 1, bytes.Length + 1));
            }
        });

    [AuditProperty]
    public Property DetailLogRead_OnHostileBytes_ReturnsALogWhoseValuesCanBeRead()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(CorpusResult + "/performance/run_1/mlperf_log_detail.txt")), bytes =>
        {
            var log = DetailLog.Read(ReadOnlyStream(bytes), "mlperf_log_detail.txt", 4096);
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
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(CorpusResult + "/performance/run_1/mlperf_log_summary.txt")), bytes =>
        {
            var log = SummaryLog.Read(ReadOnlyStream(bytes), "mlperf_log_summary.txt", 1024);
            Assert.All(log.Entries, e => Assert.InRange(e.Line, 1, bytes.Length + 1));
            _ = log.Find("Result is");
        });

    [AuditProperty]
    public Property AccuracyTextRead_OnHostileBytes_ReturnsAResult()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile(CorpusResult + "/accuracy/accuracy.txt")), bytes =>
            Assert.NotNull(AccuracyText.Read(ReadOnlyStream(bytes), new Dictionary<string, Regex>
            {
                ["rougeL"] = new("'rougeL': (?<v>[-0-9.e]+)", RegexOptions.None, TimeSpan.FromSeconds(1)),
                ["tokens_per_sample"] = new("'tokens_per_sample': (?<v>[-0-9.e]+)", RegexOptions.None, TimeSpan.FromSeconds(1)),
            }, 1024)));

    [AuditProperty]
    public Property ComplianceVerificationRead_OnHostileBytes_ReturnsItsLines()
        => PropertyRuns.ForAll(
            HostileBytes.Mixed(CorpusFile("inference/v5.1/closed/Azure/compliance/ND_GB200_v6/llama3.1-405b/Offline/TEST06/verify_accuracy.txt")),
            bytes =>
            Assert.NotNull(ComplianceVerification.Read(ReadOnlyStream(bytes), 1024).Lines));

    [AuditProperty]
    public Property JsonFileRead_OnHostileBytes_ReturnsARootOrAnErrorWhoseStringsCanBeRead()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("inference/v5.1/closed/Azure/systems/ND_GB200_v6.json")), bytes =>
        {
            var json = JsonFile.Read(ReadOnlyStream(bytes), "s.json", 4096);
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
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("training/v4.1/Azure/results/ND_H200_v5_n64_nemo/llama2_70b_lora/result_0.txt")),
            bytes =>
        {
            var log = TrainingLogParser.Parse(ReadOnlyStream(bytes), "result_0.txt", 4096);
            Assert.All(log.Problems, p => Assert.InRange(p.Line, 0, bytes.Length + 1));
        });

    [AuditProperty]
    public Property TrainingSystemDescriptionRead_OnHostileBytes_ReturnsADescriptionOrFindings()
        => PropertyRuns.ForAll(HostileBytes.Mixed(CorpusFile("training/v4.1/Azure/systems/ND_H200_v5_n64_nemo.json")), bytes =>
        {
            var findings = new List<Finding>();
            if (SystemDescription.Read(ReadOnlyStream(bytes), "systems/s.json", findings) is null)
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
        => PropertyRuns.ForAll(
            HostileBytes.Mixed(CorpusFile("sweeps/h200-llama-0.9b-mbs/telemetry.csv"), CorpusFile("sweeps/h200-llama-0.9b-mbs/environment.txt")),
            bytes =>
        {
            var file = NvidiaSmiCsv.Parse(ReadOnlyStream(bytes), "telemetry.csv", 0, 4096);
            Assert.All(file.Problems, p => Assert.True(p.Line >= 0));
            _ = NvidiaSmiCsv.FindLimits(ReadOnlyStream(bytes), 4096);
        });


    [AuditProperty]
    public Property IntegerArrayTryMatch_AcceptsExactlyWhatSystemTextJsonReadsAsAnIntegerArray()
    {
        byte[][] parts = ["]"u8.ToArray(), ","u8.ToArray(), "0"u8.ToArray(), "7"u8.ToArray(), "12"u8.ToArray(), "-"u8.ToArray(),
            "01"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "\n"u8.ToArray(), "1.5"u8.ToArray(), "1e3"u8.ToArray(), "\"x\""u8.ToArray(),
                "99999999999999999999"u8.ToArray()];
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
}
