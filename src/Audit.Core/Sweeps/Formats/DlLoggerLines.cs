using System.Text.Json;
using MlPerfAudit.Core.Findings;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// DLLogger's JSON-stream lines: <c>DLLL {"timestamp": "1739210331.717398", "datetime": ..., "elapsedtime": ...,
/// "type": "LOG", "step": 16, "data": {"reduced_train_loss": ..., "train_step_timing in s": ...}}</c>. Each LOG line with
/// an integer step and a step time is one step (full float digits). METADATA lines and PARAMETER steps are skipped.
/// One named leniency: Python's bare <c>NaN</c>/<c>Infinity</c> (json.dumps) are read as non-finite numbers.
/// </summary>
internal static partial class DlLoggerLines
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static void Read(TextLogState state, string line, int number)
    {
        var json = NonFinite().Replace(line.TrimStart()["DLLL ".Length..], m => $"{m.Groups[1].Value}\"{m.Groups[2].Value}\"{m.Groups[3].Value}");
        try
        {
            using var doc = JsonDocument.Parse(json, Options);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseDlllNotObject);
                return;
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "LOG"
                || !root.TryGetProperty("step", out var step) || step.ValueKind != JsonValueKind.Number || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("train_step_timing in s", out var timing))
            {
                return; // metadata, parameters, or a LOG line without a step time (validation)
            }

            if (!step.TryGetInt32(out var s) || Number(timing) is not { } seconds)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseDlllStep);
                return;
            }

            var time = double.NaN;
            if (root.TryGetProperty("timestamp", out var ts) && Number(ts) is { } epoch && double.IsFinite(epoch))
            {
                time = Math.Round(epoch * 1e6) / 1e3; // seconds with microseconds → ms
            }

            state.Steps.Add(new StepValue(s, seconds, false, time, number));
            if (data.TryGetProperty("reduced_train_loss", out var loss))
            {
                if (Number(loss) is { } l)
                {
                    state.Losses.Add(new StepValue(s, l, false, time, number));
                }
                else
                {
                    state.Problem(number, FindingCatalog.SwpLogFormatParseDlllLoss);
                }
            }
        }
        catch (JsonException ex)
        {
            state.Problem(number, FindingCatalog.SwpLogFormatParseDlllJson, Sentence(ex.Message.Split(" Path:", 2)[0]));
        }
    }

    /// <summary>A parser's message as the end of a sentence: with a full stop.</summary>
    internal static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => TextLogState.TryNumber(e.GetString()!, out var v) || e.GetString() is "NaN" or "Infinity" or "-Infinity"
            ? (e.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, _ => v })
            : null,
        _ => null,
    };

    [GeneratedRegex(@"(:\s*)(NaN|-?Infinity)(\s*[,}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NonFinite();
}
