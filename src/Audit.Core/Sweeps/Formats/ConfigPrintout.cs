using System.Globalization;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// Reads the configuration a training log prints about itself, line by line: Megatron-LM's argument printout
/// (<c>------------------------ arguments ------------------------</c>, <c>  name ....... value</c>, <c>end of arguments</c>)
/// and NeMo's config dump (<c>************** Experiment configuration ***********</c> followed by OmegaConf YAML).
/// Only the sizes the audit needs are kept; the first value of each wins.
/// </summary>
internal sealed partial class ConfigPrintout
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<(int Indent, string Key)> _path = [];
    private string? _kind;
    private int? _firstLine;
    private bool _inside;
    private bool _sawYaml;

    /// <summary>Feeds one line (without its line break).</summary>
    public void Feed(string line, int number)
    {
        if (!_inside)
        {
            if (MegatronStart().IsMatch(line) && !line.Contains("end of", StringComparison.Ordinal))
            {
                (_inside, _kind, _firstLine) = (true, "Megatron argument printout", _firstLine ?? number);
            }
            else if (line.Contains("Experiment configuration", StringComparison.Ordinal))
            {
                (_inside, _kind, _firstLine, _sawYaml) = (true, "NeMo config dump", _firstLine ?? number, false);
                _path.Clear();
            }

            return;
        }

        if (_kind!.StartsWith("Megatron", StringComparison.Ordinal))
        {
            if (line.Contains("end of arguments", StringComparison.Ordinal))
            {
                _inside = false;
            }
            else if (MegatronArgument().Match(line) is { Success: true } m)
            {
                _values.TryAdd(m.Groups[1].Value, m.Groups[2].Value.Trim());
            }

            return;
        }

        if (line.Trim().Length == 0 || line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
        {
            return;
        }

        if (YamlEntry().Match(line) is not { Success: true } y)
        {
            _inside = !_sawYaml; // NeMo's logging prefix line comes before the YAML; after it, the dump ends at the first line that is not YAML
            return;
        }

        _sawYaml = true;
        var indent = y.Groups[1].Value.Length;
        _path.RemoveAll(p => p.Indent >= indent);
        _path.Add((indent, y.Groups[2].Value));
        var value = y.Groups[3].Value.Trim();
        if (value.Length > 0)
        {
            _values.TryAdd(string.Join('.', _path.Select(p => p.Key)), value.Trim('\'', '"'));
        }
    }

    /// <summary>The configuration printed, or null when the log prints none.</summary>
    public LoggedConfiguration? Result()
    {
        if (_kind is null || _values.Count == 0)
        {
            return null;
        }

        int? I(params string[] keys) => keys
            .Select(k => _values.TryGetValue(k, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : (int?)null)
            .FirstOrDefault(v => v is not null);
        string? S(params string[] keys) => keys.Select(k => _values.GetValueOrDefault(k)).FirstOrDefault(v => v is not null);
        var megatron = _kind.StartsWith("Megatron", StringComparison.Ordinal);
        var devices = I("trainer.devices");
        var nodes = I("trainer.num_nodes") ?? (devices is null ? null : 1);
        return new LoggedConfiguration
        {
            MicroBatchSize = I("micro_batch_size", "model.micro_batch_size"),
            GlobalBatchSize = I("global_batch_size", "model.global_batch_size"),
            SequenceLength = I("seq_length", "model.encoder_seq_length", "model.seq_length"),
            TensorParallel = I("tensor_model_parallel_size", "model.tensor_model_parallel_size"),
            PipelineParallel = I("pipeline_model_parallel_size", "model.pipeline_model_parallel_size"),
            ContextParallel = I("context_parallel_size", "model.context_parallel_size"),
            DataParallel = I("data_parallel_size"),
            Gpus = megatron ? I("world_size") : devices * nodes,
            Precision = megatron ? MegatronPrecision() : S("trainer.precision", "model.precision"),
            NumLayers = I("num_layers", "model.num_layers"),
            HiddenSize = I("hidden_size", "model.hidden_size"),
            Source = $"log ({_kind}, line {_firstLine})",
            Line = _firstLine,
        };
    }

    private string? MegatronPrecision()
    {
        if (_values.TryGetValue("fp8", out var fp8) && fp8 is not ("None" or "False"))
        {
            return "fp8";
        }

        return _values.GetValueOrDefault("bf16") == "True" ? "bf16"
            : _values.GetValueOrDefault("fp16") == "True" ? "fp16"
            : _values.ContainsKey("bf16") ? "fp32" : null;
    }

    [GeneratedRegex(@"^-{6,} arguments -{6,}\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MegatronStart();

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*) \.+ (.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MegatronArgument();

    [GeneratedRegex(@"^( *)([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex YamlEntry();
}
