using System.Security.Cryptography;

namespace Cordouan.Node.Vms;

/// <summary>MAC addresses for new NICs: Proxmox's default prefix BC:24:11 and three random bytes.</summary>
public static class MacAddresses
{
    public static string Generate()
    {
        Span<byte> tail = stackalloc byte[3];
        RandomNumberGenerator.Fill(tail);
        return $"BC:24:11:{tail[0]:X2}:{tail[1]:X2}:{tail[2]:X2}";
    }
}
