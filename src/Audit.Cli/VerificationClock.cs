using NodaTime;
using NodaTime.Text;

namespace MlPerfAudit.Cli;

/// <summary>The clock that stamps timeVerified: now, or the instant given with --verified-at (to reproduce a statement).</summary>
internal static class VerificationClock
{
    /// <summary>The clock for <paramref name="verifiedAt"/>; null (after a message on stderr) when it is not an RFC 3339 UTC time.</summary>
    public static IClock? From(string? verifiedAt, TextWriter stderr)
    {
        if (verifiedAt is null)
        {
            return SystemClock.Instance;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(verifiedAt);
        if (parsed.Success)
        {
            return new FixedInstantClock(parsed.Value);
        }

        stderr.WriteLine($"mlperf-audit: --verified-at '{verifiedAt}' is not an RFC 3339 UTC time such as 2026-01-01T00:00:00Z");
        return null;
    }
}

/// <summary>A clock fixed at the instant given with --verified-at.</summary>
internal sealed class FixedInstantClock(Instant instant) : IClock
{
    public Instant GetCurrentInstant() => instant;
}
