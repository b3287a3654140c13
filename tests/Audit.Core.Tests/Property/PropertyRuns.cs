using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck.Xunit's <c>[Property]</c> as the property tests run it: every run replays a fixed seed, so CI sees the same cases
/// every time, 100 cases per property by default. <c>MLPERF_AUDIT_PROPERTY_RUNS</c> asks for more (e.g. 10000) and
/// <c>MLPERF_AUDIT_PROPERTY_SEED</c> for another seed. A failure reports the seed, the original and the shrunk input.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AuditPropertyAttribute : PropertyAttribute
{
    public AuditPropertyAttribute()
    {
        MaxTest = PropertyRuns.Runs;
        Replay = PropertyRuns.Replay;
        QuietOnSuccess = true;
    }
}

/// <summary>
/// The settings of <see cref="AuditPropertyAttribute"/>, and the properties' shape: a body that returns, or throws only a
/// declared exception, within <see cref="CaseTimeout"/> — FsCheck.Xunit has no time limit per case, so the hang guard is
/// kept here and a parser that hangs fails instead of stalling the run.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The seed CI replays.</summary>
    public const ulong DefaultSeed = 20261122;

    /// <summary>Cases per property in CI.</summary>
    public const int DefaultRuns = 100;

    /// <summary>FsCheck's gamma for a seed given alone (<c>new Rnd(seed)</c>): the golden gamma of SplitMix.</summary>
    private const ulong GoldenGamma = 0x9e3779b97f4a7c15;

    /// <summary>Longest a single case may take.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    public static int Runs => int.TryParse(Environment.GetEnvironmentVariable("MLPERF_AUDIT_PROPERTY_RUNS"), out var n) && n > 0 ? n : DefaultRuns;

    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("MLPERF_AUDIT_PROPERTY_SEED"), out var s) ? s : DefaultSeed;

    /// <summary>The replay FsCheck.Xunit parses: seed and gamma.</summary>
    public static string Replay => $"{Seed},{GoldenGamma}";

    /// <summary>Holds when <paramref name="body"/> returns, or throws only <typeparamref name="TDeclared"/>, for every generated input.</summary>
    public static Property ForAll<TInput, TDeclared>(Arbitrary<TInput> inputs, Action<TInput> body)
        where TDeclared : Exception
        => Prop.ForAll(inputs, input => Within(() =>
        {
            try
            {
                body(input);
            }
            catch (TDeclared)
            {
            }
        }));

    /// <summary>Holds when <paramref name="body"/> returns (any exception, or an assertion failure, falsifies) for every input.</summary>
    public static Property ForAll<TInput>(Arbitrary<TInput> inputs, Action<TInput> body)
        => Prop.ForAll(inputs, input => Within(() => body(input)));

    /// <summary>Runs one case with a time limit; a case that does not finish is a failure (a hang).</summary>
    private static void Within(Action body)
    {
        var task = Task.Run(body);
        if (!task.Wait(CaseTimeout))
        {
            throw new TimeoutException($"a case ran longer than {CaseTimeout.TotalSeconds} s: the parser hangs");
        }

        task.GetAwaiter().GetResult();
    }
}
