using System.Net;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Audit;

/// <summary>
/// Makes login failures visible the way Proxmox does: the line <c>authentication failure; rhost=… user=… msg=…</c> goes
/// to syslog (so fail2ban's Proxmox filters ban the address) and to the normal log. Never sees a password.
/// </summary>
public sealed partial class AuthenticationAudit(SyslogSender syslog, TimeProvider timeProvider, ILogger<AuthenticationAudit> logger)
{
    /// <summary>
    /// The syslog tag: Proxmox's API daemon's, which every published fail2ban filter for Proxmox (fail2ban's own
    /// <c>proxmox.conf</c> included) requires before the message.
    /// </summary>
    public const string Tag = "pvedaemon";

    /// <summary>Records one refused login of <paramref name="user"/> from <paramref name="client"/> and why it was refused.</summary>
    public void LoginFailed(IPAddress? client, string user, string reason)
    {
        var rhost = client is { IsIPv4MappedToIPv6: true } ? client.MapToIPv4().ToString() : client?.ToString() ?? "";
        var line = SyslogLine.AuthenticationFailure(rhost, user, reason);
        Log.AuthenticationFailure(logger, line);
        var record = SyslogLine.Format(SyslogLine.DaemonError, timeProvider.GetLocalNow(), Tag, Environment.ProcessId, line);
        if (!syslog.TrySend(record, out var error))
        {
            Log.SyslogDropped(logger, error!);
        }
    }
}
