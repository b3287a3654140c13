namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// CI's gate on infra/: the pinned Bicep CLI compiles and lints both entry points (main.bicep, and the subscription
/// module the postdeploy hook deploys alone) with no diagnostic at all. Warnings leave bicep's exit code at 0, so the
/// tests also require an empty stderr.
/// </summary>
[Collection(SharedBuild.Name)]
public sealed class BicepCliTests(CompiledTemplates compiled)
{
    [Fact]
    public void Version_WhenRestoredFromNuGet_IsThePinnedCli()
    {
        var result = BicepCli.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Bicep CLI version {BicepCli.PinnedVersion} ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenMainTemplate_ExitsZeroWithNoDiagnostic()
    {
        Assert.Empty(compiled.Build.Diagnostics);
        Assert.Equal(0, compiled.Build.ExitCode);
        Assert.NotEmpty(compiled.Template.Resources);
    }

    [Fact]
    public void Build_WhenSubscriptionModuleAlone_ExitsZeroWithNoDiagnostic()
    {
        var result = BicepCli.Run("build", InfraPaths.SubscriptionBicep, "--stdout");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Microsoft.EventGrid/systemTopics/eventSubscriptions", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("modules/blob-event-subscription.bicep")]
    public void Lint_WhenEntryPoint_ExitsZeroWithNoDiagnostic(string file)
    {
        var result = BicepCli.Run("lint", Path.Combine(InfraPaths.Infra, file));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Lint_WhenTemplateHasAnUnusedParameter_ReportsTheWarningOnStderrWithExitZero()
    {
        // The gate above is only as good as its reading of bicep's output: a real warning must show up as a diagnostic.
        var folder = Path.Combine(Path.GetTempPath(), "mlperf-audit-lint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "unused.bicep");
            File.WriteAllText(file, "param unused string\n");

            var result = BicepCli.Run("lint", file);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(result.Diagnostics, d => d.Contains("Warning no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
