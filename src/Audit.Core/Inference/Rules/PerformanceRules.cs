using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// The rules on <c>performance/run_1/mlperf_log_detail.txt</c>: LoadGen's verdict and errors,
/// seeds, sample counts, duration, query counts, equal-issue mode, early stopping, LLM token
/// latencies, and the headline metric.
/// </summary>
internal static class PerformanceRules
{
    private const long NsPerMs = 1_000_000;

    /// <summary>Applies every rule to the run's detail log and returns the headline metric, if readable.</summary>
    public static Metric? Check(ResultContext context, DetailLog log)
    {
        var file = log.File;
        var loggedScenario = CheckScenario(context, log);
        CheckLoadGenVerdict(context, log);
        CheckErrors(context, log);
        CheckSeeds(context, log);
        CheckSampleCounts(context, log, loggedScenario);
        CheckDuration(context, log);
        CheckEqualIssue(context, log);
        CheckEarlyStopping(context, log, loggedScenario);
        if (context.Benchmark.Llm)
        {
            CheckTokenLatencies(context, log);
        }

        return Headline(context, log, loggedScenario, file);
    }

    private static string? CheckScenario(ResultContext context, DetailLog log)
    {
        var scenario = log.ReadText("effective_scenario");
        if (!Required(context, log, scenario))
        {
            return null;
        }

        var expected = Scenarios.Logged(context.Location.Scenario);
        if (scenario.Value != expected && !IsInferable(context.Location.Scenario, scenario.Value!))
        {
            context.Add(FindingCatalog.InfScenarioMismatch.At(log.File, scenario.Line, scenario.Value, context.Location.Scenario));
        }

        return scenario.Value;
    }

    /// <summary>The edge inference rules: a MultiStream result from a SingleStream run, an Offline result from either stream run.</summary>
    public static bool IsInferable(string folderScenario, string loggedScenario) => (folderScenario, loggedScenario) is
        (Scenarios.MultiStream, Scenarios.SingleStream)
        or (Scenarios.Offline, Scenarios.MultiStream)
        or (Scenarios.Offline, Scenarios.SingleStream);

    private static void CheckLoadGenVerdict(ResultContext context, DetailLog log)
    {
        var validity = log.ReadText("result_validity");
        if (Required(context, log, validity) && validity.Value != "VALID")
        {
            context.Add(FindingCatalog.InfResultInvalid.At(log.File, validity.Line, validity.Value));
        }

        // The official checkers read only result_validity: with VALID, a false minimum flag is a contradiction, not a rejection.
        var valid = validity.Ok && validity.Value == "VALID";
        MinimumFlag(context, log, "result_min_duration_met", valid, FindingCatalog.InfMinDurationNotMet);
        MinimumFlag(context, log, "result_min_queries_met", valid, FindingCatalog.InfMinQueriesNotMet);
        Flag(context, log, "result_perf_constraints_met", FindingCatalog.InfPerfConstraintsNotMet);
    }

    /// <summary>
    /// A LoadGen minimum flag that is false: <paramref name="notMet"/> when the run is not VALID, else INF-CONS-009 (LoadGen never
    /// writes VALID with a minimum not met, so the log contradicts itself).
    /// </summary>
    private static void MinimumFlag(ResultContext context, DetailLog log, string key, bool valid, FindingDefinition notMet)
    {
        if (!valid)
        {
            Flag(context, log, key, notMet);
            return;
        }

        var flag = log.ReadFlag(key);
        if (flag.Ok && !flag.Value)
        {
            context.Add(FindingCatalog.InfMinimumFlagContradictsValid.At(log.File, flag.Line, key));
        }
    }

    private static void Flag(ResultContext context, DetailLog log, string key, FindingDefinition definition)
    {
        var flag = log.ReadFlag(key);
        if (flag.Ok && !flag.Value)
        {
            context.Add(definition.At(log.File, flag.Line));
        }
    }

    /// <summary>LoadGen errors fail the run; warnings are reported.</summary>
    public static void CheckErrors(ResultContext context, DetailLog log)
    {
        if (log.ErrorCount > 0)
        {
            var first = log.Errors.Count > 0 ? log.Errors[0] : null;
            context.Add(first is null
                ? FindingCatalog.InfLogErrors.At(log.File, log.Find("num_errors")?.Line, log.ErrorCount)
                : FindingCatalog.InfLogErrorsFirst.At(log.File, first.Line, log.ErrorCount, Mllog.MllogReader.Describe(first)));
        }

        if (log.Warnings.Count > 0)
        {
            var first = log.Warnings[0];
            context.Add(FindingCatalog.InfLogWarnings.At(log.File, first.Line, log.Warnings.Count, Mllog.MllogReader.Describe(first)));
        }
    }

    private static void CheckSeeds(ResultContext context, DetailLog log)
    {
        var seeds = context.Round.Seeds;
        Seed(context, log, "effective_qsl_rng_seed", seeds.QslRngSeed);
        Seed(context, log, "effective_sample_index_rng_seed", seeds.SampleIndexRngSeed);
        Seed(context, log, "effective_schedule_rng_seed", seeds.ScheduleRngSeed);
    }

    private static void Seed(ResultContext context, DetailLog log, string key, ulong expected)
    {
        var seed = log.ReadUnsigned(key);
        if (Required(context, log, seed) && seed.Value != expected)
        {
            context.Add(FindingCatalog.InfSeedMismatch.At(log.File, seed.Line, key, seed.Value, context.Round.Round, expected));
        }
    }

    private static void CheckSampleCounts(ResultContext context, DetailLog log, string? loggedScenario)
    {
        var rules = context.Benchmark;
        var psc = log.ReadInteger("effective_performance_sample_count");
        if (Required(context, log, psc) && psc.Value < rules.PerformanceSampleCount)
        {
            context.Add(FindingCatalog.InfPerformanceSampleCount.At(log.File, psc.Line, psc.Value, rules.Name, rules.PerformanceSampleCount));
        }

        if (loggedScenario == Scenarios.Offline
            && !(context.Round.OfflineSamplesPerQueryClosedOnly && context.Location.Division != "closed"))
        {
            var spq = log.ReadInteger("effective_samples_per_query");
            if (Required(context, log, spq) && spq.Value < rules.OfflineMinSamplesPerQuery)
            {
                context.Add(FindingCatalog.InfOfflineSamplesPerQuery.At(log.File, spq.Line, spq.Value, rules.Name, rules.OfflineMinSamplesPerQuery));
            }
        }

        // Scenarios with early stopping (Server, SingleStream, MultiStream) are exempt from the query minimum.
        if (loggedScenario is { } scenario && !UsesEarlyStopping(scenario)
            && rules.MinQueries.TryGetValue(scenario, out var minQueries))
        {
            var count = log.ReadInteger("effective_min_query_count");
            if (Required(context, log, count) && count.Value < minQueries)
            {
                context.Add(FindingCatalog.InfMinQueryCount.At(log.File, count.Line, count.Value, scenario, minQueries));
            }
        }
    }

    private static void CheckDuration(ResultContext context, DetailLog log)
    {
        var minimum = context.Benchmark.MinDurationMs ?? context.Round.MinDurationMs;
        if (minimum <= 0)
        {
            return;
        }

        var duration = log.ReadInteger("effective_min_duration_ms");
        if (Required(context, log, duration) && duration.Value < minimum)
        {
            context.Add(FindingCatalog.InfMinDurationTooShort.At(log.File, duration.Line, duration.Value, minimum));
        }
    }

    private static void CheckEqualIssue(ResultContext context, DetailLog log)
    {
        if (!context.Benchmark.EqualIssue || !context.Round.EqualIssueAppliesTo(context.Location.Division))
        {
            return;
        }

        var permutation = log.ReadFlag("effective_sample_concatenate_permutation");
        if (Required(context, log, permutation) && !permutation.Value)
        {
            context.Add(FindingCatalog.InfEqualIssue.At(log.File, permutation.Line, context.Benchmark.Name));
        }
    }

    private static void CheckEarlyStopping(ResultContext context, DetailLog log, string? loggedScenario)
    {
        if (loggedScenario is null || !UsesEarlyStopping(loggedScenario))
        {
            return;
        }

        var met = log.ReadFlag("early_stopping_met");
        if (met.State == LogValueState.Missing && context.Round.IsStrict(Round.InferenceRound.StrictEarlyStopping))
        {
            // Measured (v6.0 differential run): the modular checker reads a missing early_stopping_met as not met and rejects.
            context.Add(FindingCatalog.InfEarlyStoppingMissingStrict.At(log.File, null, context.Round.Round));
        }

        if (met.Ok && !met.Value)
        {
            var definition = context.Round.IsStrict(Round.InferenceRound.StrictEarlyStopping)
                ? FindingCatalog.InfEarlyStoppingNotMetStrict
                : FindingCatalog.InfEarlyStoppingNotMet;
            context.Add(definition.At(log.File, met.Line, context.Round.Round));
        }

        if (context.Benchmark.LatencyConstraintNs.TryGetValue(loggedScenario, out var constraint))
        {
            var target = log.ReadNumber("effective_target_latency_ns");
            if (Required(context, log, target) && target.Value > constraint)
            {
                context.Add(FindingCatalog.InfLatencyConstraint.At(
                    log.File, target.Line, target.Value, context.Benchmark.Name, loggedScenario, constraint));
            }
        }
    }

    private static void CheckTokenLatencies(ResultContext context, DetailLog log)
    {
        var enabled = log.ReadFlag("requested_use_token_latencies");
        if (!enabled.Ok || !enabled.Value)
        {
            var message = enabled.Ok ? FindingCatalog.InfTokenLatenciesOff.Main : FindingCatalog.InfTokenLatenciesMissing;
            context.Add(message.At(log.File, enabled.Line, context.Benchmark.Name));
            return;
        }

        if (!context.Benchmark.TokenLatencyLimits.TryGetValue(context.Location.Scenario, out var limit))
        {
            return;
        }

        var ttft = log.ReadNumber("result_first_token_99.00_percentile_latency_ns");
        if (Required(context, log, ttft) && ttft.Value >= limit.TtftMs * NsPerMs)
        {
            context.Add(FindingCatalog.InfTtftOverLimit.At(log.File, ttft.Line, ttft.Value / NsPerMs, context.Location.Scenario, limit.TtftMs));
        }

        var tpot = log.ReadNumber("result_time_per_output_token_99.00_percentile_ns");
        if (Required(context, log, tpot) && tpot.Value >= limit.TpotMs * NsPerMs)
        {
            context.Add(FindingCatalog.InfTpotOverLimit.At(log.File, tpot.Line, tpot.Value / NsPerMs, context.Location.Scenario, limit.TpotMs));
        }

        context.Latency = new TokenLatency(
            ttft.Ok ? ttft.Value / NsPerMs : null, limit.TtftMs, tpot.Ok ? tpot.Value / NsPerMs : null, limit.TpotMs,
            log.File, ttft.Ok ? ttft.Line : null, tpot.Ok ? tpot.Line : null);
    }

    private static Metric? Headline(ResultContext context, DetailLog log, string? loggedScenario, string file)
    {
        if (loggedScenario is null)
        {
            return null;
        }

        var folderScenario = context.Location.Scenario;
        if (loggedScenario != Scenarios.Logged(folderScenario) && IsInferable(folderScenario, loggedScenario))
        {
            return Inferred(context, log, folderScenario, loggedScenario, file);
        }

        if (!context.Benchmark.Headline.TryGetValue(loggedScenario, out var key))
        {
            context.Add(FindingCatalog.InfHeadlineMissingForScenario.At(file, null, context.Benchmark.Name, loggedScenario, context.Round.Round));
            return null;
        }

        var value = log.ReadNumber(key);
        if (!value.Ok)
        {
            context.Add(FindingCatalog.InfHeadlineMissing.At(file, value.Line, value.Problem));
            return null;
        }

        if (value.Value == 0)
        {
            context.Add(FindingCatalog.InfHeadlineZero.At(file, value.Line, key));
        }

        if (loggedScenario is Scenarios.SingleStream or Scenarios.MultiStream)
        {
            // LoadGen logs latencies in ns; the published unit is ms, or s where the benchmark says so (v6.x wan-2.2-t2v-a14b).
            return context.Benchmark.LatencyUnit == "s"
                ? new Metric(key, value.Value / NsPerMs / 1000, "Latency (s)", file, value.Line)
                : new Metric(key, value.Value / NsPerMs, "Latency (ms)", file, value.Line);
        }

        return new Metric(key, value.Value, Unit(context.Benchmark, key, folderScenario), file, value.Line);
    }

    /// <summary>The official formulas for results inferred from another scenario's run.</summary>
    private static Metric? Inferred(ResultContext context, DetailLog log, string folderScenario, string loggedScenario, string file)
    {
        switch (folderScenario, loggedScenario)
        {
            case (Scenarios.Offline, Scenarios.SingleStream):
            {
                var qps = log.ReadNumber("result_qps_without_loadgen_overhead");
                return Required(context, log, qps)
                    ? new Metric(qps.Key, qps.Value, "Samples/s", file, qps.Line, loggedScenario)
                    : null;
            }

            case (Scenarios.Offline, Scenarios.MultiStream):
            {
                var perQuery = log.ReadNumber("effective_samples_per_query");
                var mean = log.ReadNumber("result_mean_query_latency_ns");
                if (!Required(context, log, perQuery) || !Required(context, log, mean) || mean.Value <= 0)
                {
                    return null;
                }

                // samples per query × 1000 ÷ mean query latency in ms = samples per second.
                return new Metric("effective_samples_per_query × 1000 ÷ (result_mean_query_latency_ns ÷ 1e6)",
                    perQuery.Value * 1000 / (mean.Value / NsPerMs), "Samples/s", file, mean.Line, loggedScenario);
            }

            default:
            {
                // MultiStream from SingleStream: 8 samples per query at the early-stopping latency.
                var latency = log.ReadNumber("early_stopping_latency_ms");
                if (!Required(context, log, latency))
                {
                    return null;
                }

                if (latency.Value == 0)
                {
                    context.Add(FindingCatalog.InfInferredResult.At(file, latency.Line));
                }

                return new Metric(
                    "early_stopping_latency_ms × 8 ÷ 1e6", latency.Value * 8 / NsPerMs, "Latency (ms)", file, latency.Line, loggedScenario);
            }
        }
    }

    /// <summary>
    /// The unit of a benchmark's headline in a folder scenario: the benchmark's own published unit when it names one,
    /// seconds for a stream latency where the benchmark says so (v6.x wan-2.2-t2v-a14b), else <see cref="Unit(string, string)"/>.
    /// </summary>
    internal static string Unit(Round.BenchmarkRules benchmark, string key, string folderScenario)
        => benchmark.Units is { } units && units.TryGetValue(folderScenario, out var published) ? published
            : folderScenario is Scenarios.SingleStream or Scenarios.MultiStream && benchmark.LatencyUnit == "s" ? "Latency (s)"
            : Unit(key, folderScenario);

    /// <summary>The unit a headline key implies in a folder scenario.</summary>
    internal static string Unit(string key, string folderScenario) => folderScenario switch
    {
        Scenarios.SingleStream or Scenarios.MultiStream => "Latency (ms)",
        _ when key.Contains("tokens", StringComparison.Ordinal) => "Tokens/s",
        Scenarios.Offline => "Samples/s",
        _ => "Queries/s",
    };

    /// <summary>Scenarios judged by LoadGen's early-stopping criterion instead of a query minimum.</summary>
    public static bool UsesEarlyStopping(string loggedScenario)
        => loggedScenario is Scenarios.Server or Scenarios.SingleStream or Scenarios.MultiStream;

    /// <summary>Reports a missing or mistyped key; true when the value can be used.</summary>
    public static bool Required<T>(ResultContext context, DetailLog log, LogValue<T> value)
        where T : notnull
    {
        if (value.Ok)
        {
            return true;
        }

        var definition = value.State == LogValueState.Missing ? FindingCatalog.InfLogKeyMissing : FindingCatalog.InfLogWrongType;
        context.Add(definition.At(log.File, value.Line, value.Problem));
        return false;
    }
}
