using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Local.Tests.Inference;

/// <summary>
/// Replays the edits of one mutation of tests/bench/inference_mutations.py (its <c>spec</c>: a JSON list of
/// <c>[op, args...]</c>) on a copy of a submitter folder. Hand-written: the ops are the harness's, restated in C#.
/// </summary>
internal static partial class MutationReplay
{
    /// <summary>The line <c>add_error_line</c> appends, byte for byte as the harness writes it.</summary>
    private const string ErrorLine = ":::MLLOG {\"key\": \"error_invalid_config\", \"value\": \"mutated: an error LoadGen logged\", \"time_ms\": "
        + "1.0, "
        + "\"namespace\": \"mlperf::logging\", \"event_type\": \"POINT_IN_TIME\", \"metadata\": {\"is_error\": true, \"is_warning\": false, "
        + "\"file\": \"x.cc\", \"line_no\": 1, \"pid\": 1, \"tid\": 1}}\n";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Applies every op of <paramref name="spec"/> under <paramref name="submitter"/>.</summary>
    public static void Apply(string submitter, string spec)
    {
        using var doc = JsonDocument.Parse(spec);
        foreach (var step in doc.RootElement.EnumerateArray())
        {
            var a = step.EnumerateArray().ToArray();
            string P(int i) => Path.Combine(submitter, a[i].GetString()!);
            switch (a[0].GetString())
            {
                case "set_key":
                    SetKey(P(1), a[2].GetString()!, a[3], a.Length > 4 && a[4].GetBoolean());
                    break;
                case "add_error_line":
                    File.AppendAllText(P(1), ErrorLine);
                    break;
                case "delete":
                    Delete(P(1));
                    break;
                case "empty_file":
                    File.WriteAllBytes(P(1), []);
                    break;
                case "truncate":
                    var bytes = File.ReadAllBytes(P(1));
                    File.WriteAllBytes(P(1), bytes[..(bytes.Length / 2)]);
                    break;
                case "pad_to":
                    PadTo(P(1), a[2].GetInt32());
                    break;
                case "write":
                    Directory.CreateDirectory(Path.GetDirectoryName(P(1))!);
                    File.WriteAllText(P(1), a.Length > 2 ? a[2].GetString()! : "mutated\n");
                    break;
                case "sparse":
                    Directory.CreateDirectory(Path.GetDirectoryName(P(1))!);
                    using (var file = File.Create(P(1)))
                    {
                        file.SetLength(a[2].GetInt64());
                    }

                    break;
                case "mkdir":
                    Directory.CreateDirectory(P(1));
                    break;
                case "empty_folder":
                    Directory.Delete(P(1), recursive: true);
                    Directory.CreateDirectory(P(1));
                    break;
                case "rename":
                    Directory.Move(P(1), P(2));
                    break;
                case "copy":
                    CopyTree(P(1), P(2));
                    break;
                case "edit_text":
                    EditText(P(1), a[2].GetString()!, a[3].GetString()!, a.Length > 4 ? a[4].GetInt32() : 1);
                    break;
                case "edit_json":
                    EditJson(P(1), a[2]);
                    break;
                default:
                    throw new InvalidOperationException($"unknown op {a[0]}");
            }
        }
    }

    /// <summary>Copies a folder, every file writable by its owner (the corpus is read-only).</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    private static void PadTo(string path, int size)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.Length > size ? bytes[..size] : [.. bytes, .. Enumerable.Repeat((byte)' ', size - bytes.Length)]);
    }

    /// <summary>Sets (or removes) the value of the first MLLOG line of <paramref name="key"/>; the new value is written as the spec holds
    /// it.</summary>
    private static void SetKey(string path, string key, JsonElement value, bool delete)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n').ToList();
        var i = lines.FindIndex(l => l.StartsWith(":::MLLOG ", StringComparison.Ordinal)
            && l.Contains($"\"key\": \"{key}\"", StringComparison.Ordinal));
        if (delete)
        {
            lines.RemoveAt(i);
        }
        else
        {
            lines[i] = ValueToken().Replace(lines[i], m => m.Groups[1].Value + value.GetRawText(), 1);
        }

        File.WriteAllText(path, string.Join('\n', lines));
    }

    /// <summary>Replaces the first <paramref name="count"/> matches (0: all), as Python's re.subn does.</summary>
    private static void EditText(string path, string pattern, string replacement, int count)
    {
        // Python's \g<1> is .NET's ${1}; the patterns use no other syntax the two read differently.
        var text = File.ReadAllText(path, Encoding.UTF8);
        var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        if (!regex.IsMatch(text))
        {
            // An edit that matches nothing would leave the result as published and the row would test nothing.
            throw new InvalidOperationException($"edit_text: '{pattern}' matches nothing in {path}");
        }

        File.WriteAllText(path, regex.Replace(text, replacement.Replace("\\g<1>", "${1}", StringComparison.Ordinal), count == 0 ? -1 : count));
    }

    private static void EditJson(string path, JsonElement change)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var c = change.EnumerateArray().ToArray();
        if (c[0].GetString() == "del")
        {
            if (!node.Remove(c[1].GetString()!))
            {
                throw new InvalidOperationException($"edit_json: {path} has no key {c[1].GetString()}");
            }
        }
        else
        {
            node[c[1].GetString()!] = JsonNode.Parse(c[2].GetRawText());
        }

        File.WriteAllText(path, node.ToJsonString(Indented));
    }

    [GeneratedRegex("(\"value\": )(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9][0-9.eE+-]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ValueToken();
}
