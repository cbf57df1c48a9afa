using Cordouan.Access.Tickets;
using Cordouan.Access.Users;

namespace Cordouan.Access;

/// <summary>Settings of the access-control domain.</summary>
public sealed record AccessOptions
{
    /// <summary>PBKDF2 iterations for new password hashes (each stored hash records its own count).</summary>
    public int PasswordHashIterations { get; init; } = PasswordHash.DefaultIterations;

    /// <summary>The host's shadow file, read for the <c>pam</c> realm.</summary>
    public string ShadowPath { get; init; } = "/etc/shadow";

    /// <summary>The local syslog datagram socket login failures are written to (cordouand's <c>--syslog-socket</c>).</summary>
    public string SyslogSocket { get; init; } = "/dev/log";

    /// <summary>How failed logins slow down further attempts.</summary>
    public LoginThrottleOptions LoginThrottle { get; init; } = new();
}
