using NodaTime;

namespace MlPerfAudit.Tests.Signing;

/// <summary>An <see cref="IClock"/> stopped at one instant (NodaTime.Testing is not on our feed).</summary>
internal sealed class TestClock(Instant now) : IClock
{
    public static TestClock At2025 { get; } = new(Instant.FromUtc(2025, 9, 10, 12, 30, 45));

    public Instant GetCurrentInstant() => now;
}
