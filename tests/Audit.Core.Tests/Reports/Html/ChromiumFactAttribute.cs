namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>A fact that needs headless Chromium: skipped locally when it is not installed, run (and failing) under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !HeadlessChromium.UnderCi)
        {
            Skip = "chromium is not installed (run .ci/install-chromium.sh); under CI=true this test fails instead";
        }
    }
}
