using System.Globalization;
using System.Text;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Proxmox VNC tickets <c>PVEVNC:&lt;8 hex time&gt;::&lt;base64 RSA-SHA256 signature&gt;</c>: the signature also covers the
/// user, the ACL path (<c>/vms/&lt;vmid&gt;</c>) and the console port, which are not in the ticket, so a ticket opens only the
/// console it was issued for, to the user it was issued to, for <see cref="VncLifetime"/>. Like a ticket, it is signed by the current
/// key (the previous one still verifies) and covers the user's ticket generation.
/// </summary>
public sealed partial class TicketService
{
    /// <summary>How long a VNC ticket may wait before its websocket opens (Proxmox: 40 s).</summary>
    public static readonly TimeSpan VncLifetime = TimeSpan.FromSeconds(40);

    private const string VncPrefix = "PVEVNC";

    /// <summary>Signs a VNC ticket for <paramref name="userId"/> on <paramref name="path"/> and <paramref name="port"/>.</summary>
    public async Task<string> CreateVncTicketAsync(string userId, string path, int port, CancellationToken cancellationToken)
    {
        var keys = await keyStore.GetAsync(cancellationToken);
        var plain = $"{VncPrefix}:{Timestamp()}";
        var generation = await GenerationOfAsync(userId, cancellationToken);
        return plain + "::" + Convert.ToBase64String(keys.Sign(VncSignedData(plain, userId, path, port, generation)));
    }

    /// <summary>True when <paramref name="ticket"/> was issued for this user, path and port less than 40 s ago.</summary>
    public async Task<bool> VerifyVncTicketAsync(string? ticket, string userId, string path, int port, CancellationToken cancellationToken)
    {
        if (!TrySplitSigned(ticket, VncPrefix, out var plain, out var signature))
        {
            return false;
        }
        var parts = plain.Split(':');
        if (parts.Length != 2 || !TryParseTimestamp(parts[1], out var issuedAt))
        {
            return false;
        }
        var age = timeProvider.GetUtcNow() - issuedAt;
        if (age < -ClockSkewAllowance || age >= VncLifetime)
        {
            return false;
        }
        var generation = await GenerationOfAsync(userId, cancellationToken);
        return await VerifySignatureAsync(VncSignedData(plain, userId, path, port, generation), signature, issuedAt, cancellationToken);
    }

    /// <summary>The ticket generation of the user behind <paramref name="userOrToken"/> (<c>user@realm</c> or <c>user@realm!token</c>).</summary>
    private async Task<string?> GenerationOfAsync(string userOrToken, CancellationToken cancellationToken)
    {
        var bang = userOrToken.IndexOf('!', StringComparison.Ordinal);
        var userId = bang < 0 ? userOrToken : userOrToken[..bang];
        return (await users.ReadAsync(userId, cancellationToken))?.Document.TicketGeneration;
    }

    private static byte[] VncSignedData(string plain, string userId, string path, int port, string? generation)
    {
        var text = $"{plain}:{userId}:{path}:{port.ToString(CultureInfo.InvariantCulture)}";
        return Encoding.UTF8.GetBytes(generation is null ? text : text + ":" + generation);
    }
}
