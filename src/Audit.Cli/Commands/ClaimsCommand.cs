using System.CommandLine;
using System.Text;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Claims.Extract;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit claims extract POST.md|POST.html [--out FILE]</c>: a draft claims file from a post.</summary>
internal static class ClaimsCommand
{
    public static Command Create()
    {
        var post = new Argument<string>("post") { Description = "The post: Markdown (.md) or HTML (.html, .htm)." };
        var output = new Option<string?>("--out") { Description = "Write the draft claims file here instead of printing it." };
        var extract = new Command("extract", "Propose a draft claims file from a post: every performance figure with its sentence, "
            + "line, quantity and qualifier. The draft has no evidence; the gate refuses it until evidence is attached.");
        extract.Arguments.Add(post);
        extract.Options.Add(output);
        extract.SetAction(parse => Extract(parse.GetValue(post)!, parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        var command = new Command("claims", "Work with claims files.");
        command.Subcommands.Add(extract);
        return command;
    }

    internal static int Extract(string postPath, string? outputPath, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(postPath, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"mlperf-audit: {postPath}: cannot be read ({ex.Message})");
            return (int)ExitCode.InputError;
        }

        var html = Path.GetExtension(postPath).ToUpperInvariant() is ".HTML" or ".HTM" || text.TrimStart().StartsWith('<');
        var draft = ClaimExtractor.Extract(text, Path.GetFileName(postPath), html);
        var json = ClaimsJson.Serialize(draft);
        if (outputPath is null)
        {
            stdout.Write(Encoding.UTF8.GetString(json));
        }
        else
        {
            try
            {
                File.WriteAllBytes(outputPath, json);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"mlperf-audit: {outputPath}: cannot be written ({ex.Message})");
                return (int)ExitCode.InputError;
            }
        }

        stderr.WriteLine($"mlperf-audit: {draft.Claims.Count} figure(s) found in {postPath}; attach evidence to each claim before running gate.");
        return (int)ExitCode.Ok;
    }
}
