using System.Diagnostics;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Tests.Signing;

/// <summary>
/// Finds and runs the third-party verifiers (openssl, Debian's python3-securesystemslib, @sigstore/verify under
/// tests/verifiers, and the shell tools of the README). <c>.ci/install-verifiers.sh</c> installs them.
/// </summary>
internal static class ExternalTools
{
    /// <summary>Debian's interpreter, which sees the apt package python3-securesystemslib (not a pyenv shim).</summary>
    public static string Python => Environment.GetEnvironmentVariable("MLPERF_AUDIT_PYTHON") ?? "/usr/bin/python3";

    /// <summary>tests/verifiers, holding package.json and our verifier scripts.</summary>
    public static string VerifiersDirectory => Path.Combine(RepoPaths.Root, "tests", "verifiers");

    /// <summary>True under CI (CI=true), where a missing tool fails the test instead of skipping it.</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a tool is unusable, or null when it is usable.</summary>
    public static string? Missing(string tool) => tool switch
    {
        "securesystemslib"
            => Probe(Python, "-c", "import securesystemslib.signer")
            ? null : $"{Python} cannot import securesystemslib (apt-get install python3-securesystemslib)",
        "sigstore" => Directory.Exists(Path.Combine(VerifiersDirectory, "node_modules", "@sigstore", "verify")) && Probe("node", "--version")
            ? null
            : "node or tests/verifiers/node_modules/@sigstore/verify is missing (npm ci in tests/verifiers)",
        _ => Probe(tool, "--version") || Probe("sh", "-c", $"command -v {tool}") ? null : $"{tool} is not on PATH",
    };

    /// <summary>Throws with the install hint when a tool is missing (used under CI, where skipping is not allowed).</summary>
    public static void Require(params string[] tools)
    {
        var missing = tools.Select(Missing).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("external verifier missing: " + string.Join("; ", missing) + ". Run .ci/install-verifiers.sh.");
        }
    }

    /// <summary>Runs a process to completion (60 s limit) and returns its exit code and output.</summary>
    public static ProcessResult Run(string fileName, string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in 60 s");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static bool Probe(string fileName, params string[] args)
    {
        try
        {
            return Run(fileName, null, args).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// A fact that needs external tools: skipped when one is missing on a developer machine, but run (and failed by
/// <see cref="ExternalTools.Require"/>) when CI=true, so CI can never pass without the third-party verifiers.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ExternalToolFactAttribute : FactAttribute
{
    public ExternalToolFactAttribute(params string[] tools)
    {
        if (ExternalTools.UnderCi)
        {
            return;
        }

        var missing = tools.Select(ExternalTools.Missing).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            Skip = "not under CI and " + string.Join("; ", missing);
        }
    }
}

/// <summary>The theory counterpart of <see cref="ExternalToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ExternalToolTheoryAttribute : TheoryAttribute
{
    public ExternalToolTheoryAttribute(params string[] tools)
    {
        if (ExternalTools.UnderCi)
        {
            return;
        }

        var missing = tools.Select(ExternalTools.Missing).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            Skip = "not under CI and " + string.Join("; ", missing);
        }
    }
}
