namespace Cordouan.Access.Tickets;

/// <summary>How failed logins slow down further attempts (see <see cref="LoginThrottle"/>).</summary>
public sealed record LoginThrottleOptions
{
    /// <summary>Failures a user or an address may have before attempts are refused for a while.</summary>
    public int FreeFailures { get; init; } = 3;

    /// <summary>The refusal period after the last free failure; it doubles with every further failure or refused attempt.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest refusal period.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>A user or address with no failure for this long starts again from zero.</summary>
    public TimeSpan QuietWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Most addresses (and, separately, users) remembered; the oldest are forgotten first.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Most failing addresses remembered per user.</summary>
    public int MaxAddressesPerUser { get; init; } = 32;
}
