using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>The CLI packed once into a temp folder feed (with its isolating nuget.config beside it), shared by a test class.</summary>
public sealed class PackedToolFeed : IDisposable
{
    public PackedToolFeed()
    {
        Root = CliHarness.TempFolder();
        Feed = ToolFeed.Pack(Root);
    }

    /// <summary>The temp folder holding feed/ and nuget.config.</summary>
    public string Root { get; }

    /// <summary>The folder feed holding MlPerfAudit.Cli.&lt;version&gt;.nupkg.</summary>
    public string Feed { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// The install step of action.yml, package branch: its run script (read from action.yml) under the runner's
/// <c>bash --noprofile --norc -eo pipefail</c>, with the env the step passes, PACKAGE_SOURCE the packed feed, then the
/// gate step (gate.sh) with the installed command as MLPERF_AUDIT.
/// </summary>
public sealed class GateActionInstallTests(PackedToolFeed packed) : IClassFixture<PackedToolFeed>
{
    private static readonly string ActionYml = Path.Combine(RepoPaths.Root, "action.yml");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InstallStep_WhenPackageSourceIsTheFeed_OutputsAnExecutableInToolDirThatRunsTheGate(bool pinVersion)
    {
        var work = CliHarness.TempFolder();
        try
        {
            var (step, toolDir) = RunInstallStep(work, pinVersion ? ToolFeed.Version : "");
            Assert.True(step.Exit == 0, step.ToString());
            Assert.Equal("", step.Out); // install.sh's stdout goes to GITHUB_OUTPUT, its dotnet chatter to stderr

            var output = File.ReadAllLines(Path.Combine(work, "github_output"));
            var path = Assert.Single(output, l => l.StartsWith("path=", StringComparison.Ordinal))["path=".Length..];
            Assert.Equal(Path.Combine(toolDir, "mlperf-audit"), path);
            Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), path); // bash-only test

            var version = ToolFeed.Run(path, work, ["--version"]);
            Assert.True(version.Exit == 0, version.ToString());
            Assert.Equal(ToolFeed.Version, version.Out.Trim().Split('+')[0]);

            var (exit, stdout, _, folder) = GateActionTests.RunStep(GateActionTests.Claims, "block", command: path);
            Assert.Equal(1, exit);
            Assert.Equal(4, stdout.Split('\n').Count(l => l.StartsWith("::", StringComparison.Ordinal)));
            Assert.Contains("blocked=3", File.ReadAllLines(Path.Combine(folder, "github_output")));
            Assert.True(File.Exists(Path.Combine(folder, "out", "gate.dsse.json")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Theory]
    [InlineData("0.0.1")]
    [InlineData("99.0.0")]
    public void InstallStep_WhenPackageVersionIsNotInTheFeed_FailsWithDotnetsMessageAndNoPath(string version)
    {
        var work = CliHarness.TempFolder();
        try
        {
            var (step, toolDir) = RunInstallStep(work, version);
            Assert.True(step.Exit != 0, step.ToString());
            Assert.Contains(
                $"Version {version} of package mlperfaudit.cli is not found in NuGet feeds {packed.Feed}", step.Err,
                    StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(File.ReadAllLines(Path.Combine(work, "github_output")), l => l.StartsWith("path=", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(toolDir, "mlperf-audit")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Runs the install step's script as the runner would: written to a file, <c>bash --noprofile --norc -eo pipefail</c>, in
    /// <paramref name="work"/> (which gets the isolating nuget.config), with the step's env; returns the outcome and TOOL_DIR.
    /// </summary>
    private (ToolFeed.Outcome Step, string ToolDir) RunInstallStep(string work, string version)
    {
        ToolFeed.WriteIsolatingConfig(work, packed.Feed);
        var script = Path.Combine(work, "install-step.sh");
        File.WriteAllText(script, InstallStepScript());
        File.WriteAllText(Path.Combine(work, "github_output"), "");
        var toolDir = Path.Combine(work, "runner-temp", "mlperf-audit");
        var env = new Dictionary<string, string>
        {
            ["PACKAGE_SOURCE"] = packed.Feed,
            ["PACKAGE_VERSION"] = version,
            ["TOOL_DIR"] = toolDir,
            ["SOURCE_DIR"] = RepoPaths.Root,
            ["GITHUB_ACTION_PATH"] = RepoPaths.Root,
            ["GITHUB_OUTPUT"] = Path.Combine(work, "github_output"),
        };
        return (ToolFeed.Run("bash", work, ["--noprofile", "--norc", "-eo", "pipefail", script], env), toolDir);
    }

    /// <summary>
    /// The run script of action.yml's install step, and a check that its env names are the ones this test sets. Hand-read
    /// YAML (no YAML package in the feed): a plain one-line scalar or a <c>|</c> block.
    /// </summary>
    private static string InstallStepScript()
    {
        var lines = File.ReadAllLines(ActionYml);
        var step = Array.FindIndex(lines, l => l.Trim() == "- id: install");
        Assert.True(step >= 0, "action.yml has no install step");
        var end = Array.FindIndex(lines, step + 1, l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal));
        var body = lines[(step + 1)..(end < 0 ? lines.Length : end)];
        var env = body.Select(l => l.Trim()).Where(l => l.Contains(": ${{", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':')]);
        Assert.Equal(["PACKAGE_SOURCE", "PACKAGE_VERSION", "SOURCE_DIR", "TOOL_DIR"], env.Order());

        var run = Array.FindIndex(body, l => l.TrimStart().StartsWith("run:", StringComparison.Ordinal));
        Assert.True(run >= 0, "the install step has no run:");
        var inline = body[run].Trim()["run:".Length..].Trim();
        if (inline != "|")
        {
            return inline + "\n";
        }

        var indent = body[run + 1].Length - body[run + 1].TrimStart().Length;
        return string.Concat(body[(run + 1)..].TakeWhile(l => l.Length - l.TrimStart().Length >= indent).Select(l => l[indent..] + "\n"));
    }
}
