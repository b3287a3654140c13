using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Tests.Signing;
using NodaTime;
using Xunit.Abstractions;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>
/// Opens rendered reports of real results in headless Chromium with no network: no console message, the charts are
/// laid out with the report's values, the page fits a phone's width, and a screenshot is saved (its path is printed).
/// </summary>
public sealed partial class ChromiumPageTests(ITestOutputHelper output)
{
    /// <summary>Folder the screenshots are kept in (not deleted, so a person can look at them).</summary>
    private static readonly string ShotFolder = Path.Combine(Path.GetTempPath(), "mlperf-audit-html-screenshots");

    // Writes each drawn bar's laid-out size into the DOM, and the document's widths, so --dump-dom can report them.
    private const string Probe = """
        <script>
        for (const g of document.querySelectorAll('svg.chart g.bar')) {
          const box = g.querySelector('rect').getBoundingClientRect();
          g.setAttribute('data-drawn-width', box.width.toFixed(3));
          g.setAttribute('data-drawn-height', box.height.toFixed(3));
        }
        // Headless windows are at least 500 px wide, so a phone is simulated by a 390 px wide root (the 640 px media query still applies).
        if (document.body.dataset.phone) {
          document.documentElement.style.width = document.body.dataset.phone + 'px';
        }
        document.body.setAttribute('data-scroll-width', document.body.scrollWidth);
        document.body.setAttribute('data-client-width', document.body.clientWidth);
        document.body.setAttribute('data-narrow-layout', matchMedia('(max-width: 640px)').matches);
        </script>
        """;

    [ChromiumFact]
    public async Task Page_WhenAzureReportOpenedAtDesktopAndPhoneWidth_HasNoConsoleMessageAndIsSavedAsScreenshots()
    {
        var html = await RenderSignedAzure();
        var page = Write("azure-nd-gb200-v6.html", html);

        foreach (var (name, width, height) in new[] { ("desktop", 1280, 6200), ("phone", 390, 9800) })
        {
            var shot = Path.Combine(ShotFolder, $"azure-nd-gb200-v6-{name}.png");
            var run = HeadlessChromium.Open(page, width, height, shot);

            Assert.True(run.ExitCode == 0, run.Log);
            Assert.Empty(run.ConsoleMessages);
            var png = await File.ReadAllBytesAsync(shot);
            Assert.True(png.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']), "not a PNG");
            Assert.Equal(width, ReadBigEndian(png, 16));
            output.WriteLine($"screenshot ({name}, {width}×{height}): {shot}");
        }
    }

    [ChromiumFact]
    public async Task Page_WhenWholeRoundReportOpened_DrawsEveryBarWithItsValueAndNoConsoleMessage()
    {
        var report = ReportSamples.WholeRound;
        Assert.True(report.Results.Count > 1);
        var html = HtmlRenderer.Render(report,
            new ReportViewOptions { Comparisons = PublishedPoints.InferenceV51, ComparisonSource = PublishedPoints.InferenceV51Source });
        var page = Write("v5.1-whole-round.html", html);

        var plain = HeadlessChromium.Open(page, 1280, 900);
        Assert.True(plain.ExitCode == 0, plain.Log);
        Assert.Empty(plain.ConsoleMessages);

        // The DOM Chromium built holds, for every audited result with a per-accelerator value, a bar in its chart carrying that value.
        var dom = plain.Output;
        foreach (var result in report.Results.Where(r => r.Derived.PerAccelerator is not null))
        {
            Assert.Contains($"data-value=\"{NumberText.Plain(result.Derived.PerAccelerator!.Value)}\"", dom, StringComparison.Ordinal);
        }

        // Laid out: every bar has a visible rectangle, and within a chart lengths are proportional to values.
        var probed = HeadlessChromium.Open(Write("v5.1-whole-round-probe.html", WithProbe(html)), 1280, 900);
        Assert.True(probed.ExitCode == 0, probed.Log);
        var charts = Regex.Matches(probed.Output, "<svg class=\"chart\".*?</svg>", RegexOptions.Singleline);
        Assert.Equal(Regex.Count(html, "<svg class=\"chart\""), charts.Count);
        foreach (Match chart in charts)
        {
            var bars = DrawnBars().Matches(chart.Value)
                .Select(m => (Value: Parse(m.Groups["value"].Value), Width: Parse(m.Groups["width"].Value), Height: Parse(m.Groups["height"].Value)))
                .ToList();
            Assert.NotEmpty(bars);
            Assert.All(bars, b => Assert.True(b.Width > 0 && b.Height > 0, $"bar {b.Value} is not drawn"));
            var largest = bars.MaxBy(b => b.Value);
            foreach (var bar in bars.Where(b => b.Value > largest.Value * 0.05))
            {
                Assert.Equal(bar.Value / largest.Value, bar.Width / largest.Width, 2);
            }
        }
    }

    [ChromiumFact]
    public async Task Page_WhenOpenedAtPhoneWidth_NeedsNoHorizontalScrolling()
    {
        var html = await RenderSignedAzure();
        var training = HtmlRenderer.Render(ReportSamples.Training);

        // The power table's longest cell (its samples' file and lines) must wrap too: the first result as a power result.
        var azure = ReportSamples.Azure;
        var first = azure.Results[0];
        var power = new PowerMetric(1000.0, "Watts", 1000.0, 600, "01-02-2025 10:00:10.000", "01-02-2025 10:10:10.000", 600.0, null, null,
            first.Id + "/performance/power/spl.txt", 2, 601, first.Id + "/performance/run_1/mlperf_log_detail.txt", 40, 90);
        var powered = HtmlRenderer.Render(azure with { Results = [first with { Power = power }, .. azure.Results.Skip(1)] });
        Assert.Contains("<caption>Power:", powered, StringComparison.Ordinal);

        foreach (var (name, text) in new[] { ("azure", html), ("training", training), ("power", powered) })
        {
            var run = HeadlessChromium.Open(
                Write($"{name}-phone-probe.html", WithProbe(text).Replace("<body>", "<body data-phone=\"390\">", StringComparison.Ordinal)), 390,
                844);

            Assert.True(run.ExitCode == 0, run.Log);
            var client = Parse(Regex.Match(run.Output, "data-client-width=\"([0-9.]+)\"").Groups[1].Value);
            var scroll = Parse(Regex.Match(run.Output, "data-scroll-width=\"([0-9.]+)\"").Groups[1].Value);
            Assert.Equal(390, client);
            Assert.Contains("data-narrow-layout=\"true\"", run.Output, StringComparison.Ordinal);
            Assert.True(scroll <= client, $"{name}: the page is {scroll} px wide at a 390 px viewport");
        }
    }

    [ChromiumFact]
    public async Task Page_WhenSweepReportOpened_HasNoConsoleMessageAndLaysOutEveryConfigurationsCharts()
    {
        var report = SweepChartTests.ClaimedReport;
        var page = Write("sweep-h200.html", HtmlRenderer.Render(report));
        var shot = Path.Combine(ShotFolder, "sweep-h200-desktop.png");

        var run = HeadlessChromium.Open(page, 1280, 2400, shot);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Empty(run.ConsoleMessages);
        Assert.True((await File.ReadAllBytesAsync(shot)).Length > 0);
        output.WriteLine($"screenshot (sweep, 1280×2400): {shot}");

        // The DOM Chromium built holds each configuration's mean step time and tokens/s per GPU, and three telemetry charts each.
        run = HeadlessChromium.Open(page, 1280, 900);
        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Empty(run.ConsoleMessages);
        foreach (var result in report.Results)
        {
            Assert.Contains($"data-value=\"{NumberText.Plain(result.Sweep!.StepTime!.MeanSeconds)}\"", run.Output, StringComparison.Ordinal);
            Assert.Contains($"data-value=\"{NumberText.Plain(result.Sweep.TokensPerSecondPerGpu!.Value)}\"", run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(3 * report.Results.Count, Regex.Count(run.Output, "<svg class=\"chart line-chart\""));
        Assert.Equal(3 * report.Results.Count, Regex.Count(run.Output, "<polyline points=\"[0-9]"));
    }

    [ChromiumFact]
    public void Harness_WhenPageTriesToFetchSomething_ReportsTheConsoleMessage()
    {
        // The control for the console check: under our Content-Security-Policy an external image is refused, and that is logged.
        var html = HtmlRenderer.Render(ReportSamples.Azure)
            .Replace("</main>", "<img src=\"https://example.com/x.png\" alt=\"external\"></main>", StringComparison.Ordinal);

        var run = HeadlessChromium.Open(Write("external-image.html", html), 800, 600);

        Assert.Contains(run.ConsoleMessages, m => m.Contains("example.com/x.png", StringComparison.Ordinal));
    }

    private static async Task<string> RenderSignedAzure()
    {
        var report = ReportSamples.Azure;
        var json = ReportJson.Serialize(report);
        using var signer = new EphemeralSigner();
        var signed = await ReportAttestation.CreateAsync(json, report, ReportAttestation.HashResourceUri(report.Bundle.Sha256), signer,
            Instant.FromUtc(2026, 1, 1, 0, 0));
        var verification = EnvelopeVerifier.Verify(signed.EnvelopeJson, PublicKeySet.FromSpki(signer.PublicKeySpki), json);
        Assert.True(verification.Verified, verification.Message);
        return HtmlRenderer.Render(report, new ReportViewOptions
        {
            Comparisons = PublishedPoints.InferenceV51,
            ComparisonSource = PublishedPoints.InferenceV51Source,
            Signature = new SignatureSummary(SignatureStatus.Verified, verification.KeyId, "report.dsse.json", "checked with an ephemeral test key"),
        });
    }

    private static string WithProbe(string html)
        => Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", string.Empty)
            .Replace("</body>", Probe + "</body>", StringComparison.Ordinal);

    private static string Write(string name, string html)
    {
        Directory.CreateDirectory(ShotFolder);
        var path = Path.Combine(ShotFolder, name);
        File.WriteAllText(path, html);
        return path;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static int ReadBigEndian(byte[] bytes, int offset)
        => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    [GeneratedRegex(
        "<g class=\"bar [^\"]+\" data-label=\"[^\"]*\" data-value=\"(?<value>[^\"]+)\" data-drawn-width=\"(?<width>[^\"]+)\" "
        + "data-drawn-height=\"(?<height>[^\"]+)\"")]
    private static partial Regex DrawnBars();
}
