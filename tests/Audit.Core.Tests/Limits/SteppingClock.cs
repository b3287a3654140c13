using NodaTime;

namespace MlPerfAudit.Core.Tests.Limits;

/// <summary>A clock that moves one step forward at every read, so the n-th read says n steps have passed: time limits
/// become a count of reads, the same on every machine and under any thread schedule.</summary>
internal sealed class SteppingClock(Duration step) : IClock
{
    private long _reads = -1;

    public Instant GetCurrentInstant() => Instant.FromUnixTimeSeconds(1_800_000_000) + (step * Interlocked.Increment(ref _reads));
}
