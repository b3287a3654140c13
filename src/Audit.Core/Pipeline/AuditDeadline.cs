using MlPerfAudit.Core.Findings;
using NodaTime;

namespace MlPerfAudit.Core.Pipeline;

/// <summary>
/// The time an audit may spend judging results, measured on the clock the caller passes in its options (Core reads
/// no clock of its own). Started when created; thread-safe as long as the clock is.
/// </summary>
/// <param name="clock">The clock: the system clock at the edges, a stepping clock in tests.</param>
/// <param name="limit">How long judging may take (<c>BundleLimits.MaxAuditTime</c>).</param>
internal sealed class AuditDeadline(IClock clock, TimeSpan limit)
{
    private readonly Instant _start = clock.GetCurrentInstant();

    /// <summary>A deadline on <paramref name="clock"/>, or null (never passes) when no clock was given.</summary>
    public static AuditDeadline? Start(IClock? clock, TimeSpan limit) => clock is null ? null : new AuditDeadline(clock, limit);

    /// <summary>True once more than the limit has passed since the start (at the limit exactly: not yet). One clock read.</summary>
    public bool Passed => (clock.GetCurrentInstant() - _start).ToTimeSpan() > limit;

    /// <summary>The finding of a result (or sweep configuration) not judged because the time limit ran out.</summary>
    /// <param name="limit">The time limit that ran out.</param>
    /// <param name="file">The result's folder or file.</param>
    /// <param name="what">What was not reached, for the message: "result" or "configuration".</param>
    public static Finding NotJudged(TimeSpan limit, string file, string what = "result")
        => FindingCatalog.BundleTimeLimitReached.At(file, null, limit.TotalSeconds, what);
}
