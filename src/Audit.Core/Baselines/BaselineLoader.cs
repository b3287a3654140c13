using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MlPerfAudit.Core.Rounds;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Baselines;

/// <summary>
/// Reads published results tables from a stream: the inference <c>summary_results.json</c> of a round, a training
/// per-submitter <c>summary.json</c> (the official result summarizer's output), or a training score table in CSV
/// (header <c>source_repo,round,...,score_minutes,global_batch_size,median_train_step_s,...</c>). The format is
/// recognized by content. Strict: a row missing a required field, or with a field of the wrong type, is an error
/// with its line, and the row is left out.
/// </summary>
public static class BaselineLoader
{
    /// <summary>Upper bound on a table's size, in bytes (the v5.1 inference table is 2.2 MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly string[] TrainingSummaryFields =
    [
        "division", "availability", "submitter", "system", "number_of_nodes", "host_processor_model_name", "host_processors_count",
        "accelerator_model_name", "accelerators_count", "framework", "notes", "details_url", "code_url",
    ];

    /// <summary>Reads one table.</summary>
    /// <param name="utf8">The table's bytes; read to the end, not disposed.</param>
    /// <param name="source">Name used in provenance and errors, usually the file path.</param>
    public static BaselineTable Load(Stream utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(source);
        if (BoundedBytes.Read(utf8, MaxBytes) is not { } bytes)
        {
            return Fail(source, $"the table is larger than {MaxBytes} bytes");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // Checked up front: System.Text.Json checks strings only when they are read (InvalidOperationException).
            return Fail(source, "the table is not valid UTF-8");
        }

        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        var first = bytes.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return Fail(source, "the table is empty");
        }

        return bytes[start + first] == (byte)'['
            ? LoadJson(bytes.AsMemory(start), source)
            : LoadCsv(Encoding.UTF8.GetString(bytes, start, bytes.Length - start), source);
    }

    private static BaselineTable Fail(string source, string message) => new([], [new BaselineError(source, 0, message)]);

    // ---- JSON tables ------------------------------------------------------------------------------

    private static BaselineTable LoadJson(ReadOnlyMemory<byte> bytes, string source)
    {
        var rows = new List<PublishedResult>();
        var errors = new List<BaselineError>();
        var reader = new Utf8JsonReader(bytes.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var line = 1;
        long counted = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return Fail(source, "expected a JSON array of result objects");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                line += CountNewlines(bytes.Span[(int)counted..(int)reader.TokenStartIndex]);
                counted = reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(new BaselineError(source, line, $"expected an object, found {reader.TokenType}"));
                    reader.Skip();
                    continue;
                }

                var element = JsonElement.ParseValue(ref reader);
                var rowErrors = new List<string>();
                var row = element.TryGetProperty("Performance_Result", out _) || element.TryGetProperty("ID", out _)
                    ? ReadInferenceRow(element, source, line, rowErrors)
                    : null;
                if (row is not null)
                {
                    rows.Add(row);
                }
                else if (rowErrors.Count == 0)
                {
                    ReadTrainingSummaryRow(element, source, line, rows, rowErrors);
                }

                errors.AddRange(rowErrors.Select(m => new BaselineError(source, line, m)));
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new BaselineError(source, (int)(ex.LineNumber ?? 0) + 1, "not valid JSON: " + ex.Message));
        }

        return new BaselineTable(rows, errors);
    }

    private static int CountNewlines(ReadOnlySpan<byte> span) => span.Count((byte)'\n');

    private static PublishedResult? ReadInferenceRow(JsonElement e, string source, int line, List<string> errors)
    {
        var id = RequiredString(e, "ID", errors);
        var version = RequiredString(e, "version", errors);
        var submitter = RequiredString(e, "Submitter", errors);
        var system = RequiredString(e, "System", errors);
        var platform = RequiredString(e, "Platform", errors);
        var model = RequiredString(e, "Model", errors);
        var scenario = RequiredString(e, "Scenario", errors);
        var division = RequiredString(e, "Category", errors);
        var unit = RequiredString(e, "Performance_Units", errors);
        var value = RequiredNumber(e, "Performance_Result", errors);
        var nodes = OptionalInt(e, "Nodes", errors);
        var perNode = OptionalInt(e, "a#", errors);
        var total = OptionalInt(e, "Total Accelerators", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        if (id is not null && !IsResultId(id))
        {
            errors.Add($"ID '{id}' is not a result ID like 5.1-0008");
            return null;
        }

        var accelerators = total ?? (perNode is > 0 && nodes is > 0 ? checked(perNode.Value * nodes.Value) : null);
        var inferred = e.TryGetProperty("inferred", out var inf) && inf.ValueKind == JsonValueKind.Number && inf.GetInt32() != 0;
        return new PublishedResult(source, line, BaselineSuite.Inference, RoundLabel.WithoutV(version!), id, division!, submitter!, system!,
            platform!, model!, scenario!, nodes, accelerators, OptionalString(e, "Accelerator"), value!.Value, unit!, inferred,
            Location: OptionalString(e, "Location"));
    }

    private static void ReadTrainingSummaryRow(JsonElement e, string source, int line, List<PublishedResult> rows, List<string> errors)
    {
        var division = RequiredString(e, "division", errors);
        var submitter = RequiredString(e, "submitter", errors);
        var system = RequiredString(e, "system", errors);
        var detailsUrl = RequiredString(e, "details_url", errors);
        var nodesText = RequiredString(e, "number_of_nodes", errors);
        var accelerators = OptionalInt(e, "accelerators_count", errors);
        if (errors.Count > 0)
        {
            errors.Insert(0, "neither an inference summary_results row nor a training summary.json row");
            return;
        }

        int? nodes = int.TryParse(nodesText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var round = RoundFromUrl(detailsUrl!);
        if (round is null)
        {
            errors.Add($"details_url '{detailsUrl}' names no training_results_vX.Y repository, so the round is unknown");
            return;
        }

        var platform = Path.GetFileNameWithoutExtension(detailsUrl!.Split('/')[^1]);
        foreach (var property in e.EnumerateObject())
        {
            if (TrainingSummaryFields.Contains(property.Name, StringComparer.Ordinal) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                errors.Add($"benchmark '{property.Name}' holds {property.Value.ValueKind}, expected a score in minutes or null");
                continue;
            }

            rows.Add(new PublishedResult(source, line, BaselineSuite.Training, round, null, division!, submitter!, system!, platform,
                property.Name, string.Empty,
                nodes, accelerators, OptionalString(e, "accelerator_model_name"), property.Value.GetDouble(), "minutes", false));
        }
    }

    private static string? RoundFromUrl(string url)
    {
        const string marker = "training_results_v";
        var at = url.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = url[(at + marker.Length)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        return end > 0 ? rest[..end] : null;
    }

    private static bool IsResultId(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
               && id[..dash].Split('.').All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
               && id[(dash + 1)..] is { Length: > 0 } tail
               && tail.All(char.IsAsciiDigit);
    }

    private static string? RequiredString(JsonElement e, string name, List<string> errors)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        errors.Add(e.TryGetProperty(name, out var present) ? $"'{name}' is {present.ValueKind}, expected a string" : $"'{name}' is missing");
        return null;
    }

    private static double? RequiredNumber(JsonElement e, string name, List<string> errors)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()))
        {
            return v.GetDouble();
        }

        errors.Add(e.TryGetProperty(name, out var present) ? $"'{name}' is {present.ValueKind}, expected a finite number" : $"'{name}' is missing");
        return null;
    }

    private static int? OptionalInt(JsonElement e, string name, List<string> errors)
    {
        if (!e.TryGetProperty(name, out var v)
            || v.ValueKind == JsonValueKind.Null
            || (v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i))
        {
            return i;
        }

        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        errors.Add($"'{name}' is {v}, expected a whole number");
        return null;
    }

    private static string? OptionalString(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // ---- Training score CSV ------------------------------------------------------------------------

    private static readonly string[] CsvRequired =
        ["round", "submitter", "system_dir", "system_name", "division", "accelerator", "nodes", "total_accelerators", "benchmark", "score_minutes"];

    /// <summary>RFC 4180, comma separated, header first; line numbers counted for errors; badly quoted records reported.</summary>
    private static CsvReaderOptions CsvOptions(List<BaselineError> errors, string source) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        OnMalformedRecord = bad => errors.Add(new BaselineError(source, checked((int)bad.LineNumber), $"badly quoted record ({bad.Reason})")),
    };

    private static BaselineTable LoadCsv(string text, string source)
    {
        var rows = new List<PublishedResult>();
        var errors = new List<BaselineError>();
        using var reader = CsvReader.FromText(text, CsvOptions(errors, source));
        var header = reader.Headers;
        if (errors.Count > 0)
        {
            return new BaselineTable(rows, errors);
        }

        if (header.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Fail(source, $"the CSV header names column '{repeated.Key}' more than once");
        }

        var column = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var missing = CsvRequired.Where(c => !column.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Fail(source, $"not a recognized table: a JSON array, or a training score CSV; the CSV header lacks {string.Join(", ", missing)}");
        }

        while (reader.Read())
        {
            var line = checked((int)reader.LineNumber);
            var fields = new string[reader.Current.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.Current.GetString(i);
            }

            if (fields.Length != header.Count)
            {
                errors.Add(new BaselineError(source, line, $"{fields.Length} fields, the header has {header.Count}"));
                continue;
            }

            if (CsvRow(fields, column, source, line, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        return new BaselineTable(rows, [.. errors.OrderBy(e => e.Line)]);
    }

    private static PublishedResult? CsvRow(string[] fields, Dictionary<string, int> column, string source, int line, List<BaselineError> errors)
    {
        string Get(string name) => fields[column[name]];
        double? Number(string name, bool required)
        {
            if (!column.TryGetValue(name, out var i) || fields[i].Length == 0)
            {
                if (required)
                {
                    errors.Add(new BaselineError(source, line, $"'{name}' is empty"));
                }

                return null;
            }

            if (double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                return d;
            }

            errors.Add(new BaselineError(source, line, $"'{name}' = '{fields[i]}' is not a number"));
            return null;
        }

        var before = errors.Count;
        var score = Number("score_minutes", true);
        var nodes = Number("nodes", true);
        var total = Number("total_accelerators", true);
        var batch = Number("global_batch_size", false);
        var step = Number("median_train_step_s", false);
        if (errors.Count > before)
        {
            return null;
        }

        var round = RoundLabel.WithoutV(Get("round").Split(' ')[^1]);
        return new PublishedResult(source, line, BaselineSuite.Training, round, null, Get("division"), Get("submitter"), Get("system_name"),
            Get("system_dir"),
            Get("benchmark"), string.Empty, (int)nodes!.Value, (int)total!.Value, Get("accelerator"), score!.Value, "minutes", false, batch, step,
            column.TryGetValue("results_path", out var p) ? fields[p] : null);
    }
}
