using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Proxmox VNC tickets <c>PVEVNC:&lt;8 hex time&gt;::&lt;base64 RSA-SHA256 signature&gt;</c>: the signature also covers the
/// user, the ACL path (<c>/vms/&lt;vmid&gt;</c>) and the console port, which are not in the ticket, so a ticket opens only the
/// console it was issued for, to the user it was issued to, for <see cref="VncLifetime"/>.
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
        var signature = keys.Rsa.SignData(VncSignedData(plain, userId, path, port), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return plain + "::" + Convert.ToBase64String(signature);
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
        var keys = await keyStore.GetAsync(cancellationToken);
        return keys.Rsa.VerifyData(VncSignedData(plain, userId, path, port), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static byte[] VncSignedData(string plain, string userId, string path, int port) =>
        Encoding.UTF8.GetBytes($"{plain}:{userId}:{path}:{port.ToString(CultureInfo.InvariantCulture)}");
}
