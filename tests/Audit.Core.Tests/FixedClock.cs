using NodaTime;

namespace MlPerfAudit.Core.Tests;

/// <summary>An <see cref="IClock"/> that always returns the same instant (NodaTime.Testing is not on our feed).</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
