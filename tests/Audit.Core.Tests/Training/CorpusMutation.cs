using System.Text;
using System.Text.Json.Nodes;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>
/// One mutation of a real corpus result, applied in memory (the corpus is never copied), named as
/// tests/bench/training_mutations.py names it: <c>kind:argument</c>. Kinds: key-del-all, key-del-one, key-set (key=JSON),
/// key-dup-diff, meta-del (key.field), seed-repeat, seed-set (JSON), file-del, file-empty, file-trunc, line-garbled,
/// status-aborted (runs), eval-last-all (factor of the target), gbs-all (factor), sys-del (field), sys-set (field=JSON).
/// </summary>
internal static class CorpusMutation
{
    private const string Token = ":::MLLOG ";
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>Opens the submitter folder (e.g. <c>v5.1/AMD</c>) with the mutation applied to the result folder.</summary>
    public static OpenedBundle Open(string submitter, string folder, string mutation, double target)
    {
        var root = TrainingCorpus.Path(submitter);
        var files = Directory.EnumerateFiles(Path.Combine(root, folder), "result_*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Path: $"{folder}/{Path.GetFileName(f)}", Lines: File.ReadAllLines(f, Encoding.Latin1).ToList())).ToList();
        var system = $"systems/{folder.Split('/')[1]}.json";
        var desc = JsonNode.Parse(File.ReadAllText(Path.Combine(root, system)))!.AsObject();
        var removed = new List<string>();
        var colon = mutation.IndexOf(':', StringComparison.Ordinal);
        var (kind, arg) = colon < 0 ? (mutation, string.Empty) : (mutation[..colon], mutation[(colon + 1)..]);
        var key = arg.Split('=', '.')[0];
        var value = arg.Contains('=', StringComparison.Ordinal) ? JsonNode.Parse(arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]) : null;
        switch (kind)
        {
            case "key-del-all": Edit(files, key, _ => []); break;
            case "key-del-one": Edit(files.Take(1), key, _ => []); break;
            case "key-set": Edit(files, key, r => [With(r, "value", value)]); break;
            case "key-dup-diff": Edit(files, key, r => [r, With(r, "value", JsonValue.Create(r["value"]!.GetValue<double>() + 1))]); break;
            case "meta-del": Edit(files, key, r => { r["metadata"]!.AsObject().Remove(arg.Split('.')[1]); return [r]; }); break;
            case "seed-repeat":
                var seed = Records(files[0].Lines).First(r => (string?)r["key"] == "seed");
                Edit(files.Skip(1).Take(1), "seed", _ => [seed.DeepClone().AsObject()]);
                break;
            case "seed-set": Edit(files.Take(1), "seed", r => [With(r, "value", JsonNode.Parse(arg))]); break;
            case "file-del": removed.Add(files[0].Path); files.RemoveAt(0); break;
            case "file-empty": files[0].Lines.Clear(); break;
            case "file-trunc": files[0].Lines.RemoveRange(files[0].Lines.Count / 2, files[0].Lines.Count - (files[0].Lines.Count / 2)); break;
            case "line-garbled": Garble(arg == "all" ? files : files.Take(1)); break;
            case "status-aborted":
                Edit(files.Take(int.Parse(arg, Invariant)), "run_stop", r => { r["metadata"]!["status"] = "aborted"; return [r]; });
                break;
            case "eval-last-all": LastEval(files, target * double.Parse(arg, Invariant)); break;
            case "gbs-all":
                var factor = double.Parse(arg, Invariant);
                Edit(files, "global_batch_size", r => [With(r, "value", JsonValue.Create((long)(r["value"]!.GetValue<double>() * factor)))]);
                break;
            case "sys-del": desc.Remove(arg); break;
            case "sys-set": desc[key] = value; break;
            case "none": break;
            default: throw new ArgumentException($"Unknown mutation kind '{kind}'.", nameof(mutation));
        }

        var overrides = files.ToDictionary(
            f => f.Path, f => Encoding.Latin1.GetBytes(string.Concat(f.Lines.Select(l => l + "\n"))), StringComparer.Ordinal);
        overrides[system] = Encoding.UTF8.GetBytes(desc.ToJsonString());
        return FolderBundle.Opened(root, overrides, removed);
    }

    private static JsonObject With(JsonObject record, string name, JsonNode? value)
    {
        var copy = record.DeepClone().AsObject();
        copy[name] = value?.DeepClone();
        return copy;
    }

    private static IEnumerable<JsonObject> Records(List<string> lines) =>
        lines.Where(l => l.Contains(Token, StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l[(l.LastIndexOf(Token, StringComparison.Ordinal) + Token.Length)..])!.AsObject());

    private static void Edit(IEnumerable<(string Path, List<string> Lines)> files, string key, Func<JsonObject, JsonObject[]> change)
    {
        foreach (var (_, lines) in files)
        {
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                var at = lines[i].LastIndexOf(Token, StringComparison.Ordinal);
                if (at < 0 || JsonNode.Parse(lines[i][(at + Token.Length)..]) is not JsonObject record || (string?)record["key"] != key)
                {
                    continue;
                }

                var prefix = lines[i][..at];
                lines.RemoveAt(i);
                lines.InsertRange(i, change(record).Select(r => prefix + Token + r.ToJsonString()));
            }
        }
    }

    private static void Garble(IEnumerable<(string Path, List<string> Lines)> files)
    {
        foreach (var (_, lines) in files)
        {
            var i = lines.FindIndex(l => l.Contains("\"init_start\"", StringComparison.Ordinal));
            lines[i] = lines[i].Replace("\"value\": null", "\"value\": nullGARBLED", StringComparison.Ordinal);
        }
    }

    private static void LastEval(List<(string Path, List<string> Lines)> files, double value)
    {
        foreach (var (_, lines) in files)
        {
            var i = lines.FindLastIndex(l => l.Contains("\"eval_accuracy\"", StringComparison.Ordinal));
            var at = lines[i].LastIndexOf(Token, StringComparison.Ordinal);
            var record = JsonNode.Parse(lines[i][(at + Token.Length)..])!.AsObject();
            record["value"] = value;
            lines[i] = lines[i][..at] + Token + record.ToJsonString();
        }
    }
}
