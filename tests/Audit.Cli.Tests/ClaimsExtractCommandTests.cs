using MlPerfAudit.Core.Claims;

namespace MlPerfAudit.Cli.Tests;

/// <summary><c>claims extract</c> end to end: a post in, a draft claims file out that the gate refuses until evidence is attached.</summary>
public sealed class ClaimsExtractCommandTests
{
    [Fact]
    public void ClaimsExtract_WhenPostHasFigures_WritesADraftTheGateRefuses()
    {
        var folder = CliHarness.TempFolder();
        var post = Path.Combine(folder, "post.md");
        File.WriteAllText(post,
            "# Launch\n\nOne VM delivers 52,000 tokens/s on Llama 2 70B Offline (result 5.1-0008), up to 13,000 tokens/s per GPU.\n");
        var draft = Path.Combine(folder, "claims.json");
        var (exit, _, stderr) = CliHarness.Run("claims", "extract", post, "--out", draft);
        Assert.Equal(0, exit);
        Assert.Contains("2 figure(s) found", stderr, StringComparison.Ordinal);
        var read = ClaimsJson.Read(File.ReadAllBytes(draft));
        Assert.Equal(2, read.Errors.Count(e => e.Contains("evidence.results is empty", StringComparison.Ordinal)));

        var gate = CliHarness.Run("gate", draft, "--baselines", draft, "--out", CliHarness.TempFolder(), "--no-sign");
        Assert.Equal(2, gate.Exit);
        Assert.Contains("evidence.results is empty", gate.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimsExtract_WhenPostIsMissing_ExitsTwoNamingIt()
    {
        var (exit, _, stderr) = CliHarness.Run("claims", "extract", "no-such-post.md");
        Assert.Equal(2, exit);
        Assert.Contains("no-such-post.md", stderr, StringComparison.Ordinal);
    }
}
