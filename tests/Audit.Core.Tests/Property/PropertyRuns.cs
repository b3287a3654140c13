using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// How the property tests run FsCheck (3.6.0, driven from plain xunit facts: FsCheck.Xunit does not restore from the
/// feed here). Every run replays a fixed seed, so CI sees the same cases every time: 100 cases per property by default.
/// <c>MLPERF_AUDIT_PROPERTY_RUNS</c> asks for more (e.g. 10000) and <c>MLPERF_AUDIT_PROPERTY_SEED</c> for another seed.
/// A failure throws with the seed, the original and the shrunk input. Each case must finish within
/// <see cref="CaseTimeout"/>, so a parser that hangs fails instead of stalling the run.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The seed CI replays.</summary>
    public const ulong DefaultSeed = 20261122;

    /// <summary>Cases per property in CI.</summary>
    public const int DefaultRuns = 100;

    /// <summary>Longest a single case may take.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    public static int Runs => int.TryParse(Environment.GetEnvironmentVariable("MLPERF_AUDIT_PROPERTY_RUNS"), out var n) && n > 0 ? n : DefaultRuns;

    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("MLPERF_AUDIT_PROPERTY_SEED"), out var s) ? s : DefaultSeed;

    /// <summary>QuickThrowOnFailure with the fixed replay seed and the run count.</summary>
    public static Config Config => Config.QuickThrowOnFailure
        .WithMaxTest(Runs)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));

    /// <summary>Checks that <paramref name="body"/> returns, or throws only <typeparamref name="TDeclared"/>, for every generated input.</summary>
    public static void ForAll<TInput, TDeclared>(Arbitrary<TInput> inputs, Action<TInput> body)
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
        })).Check(Config);

    /// <summary>Checks that <paramref name="body"/> returns (any exception, or an assertion failure, falsifies) for every input.</summary>
    public static void ForAll<TInput>(Arbitrary<TInput> inputs, Action<TInput> body)
        => Prop.ForAll(inputs, input => Within(() => body(input))).Check(Config);

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
