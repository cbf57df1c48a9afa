using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cordouan.Core.Network;

/// <summary>An IPv4 address with its prefix (<c>10.77.0.1/24</c>) and the subnet arithmetic NAT and DHCP need.</summary>
public sealed record Ipv4Subnet(uint Address, int Prefix)
{
    public uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);
    public uint Network => Address & Mask;
    public uint Broadcast => Network | ~Mask;

    /// <summary>The subnet in CIDR form (<c>10.77.0.0/24</c>).</summary>
    public string NetworkCidr => $"{Format(Network)}/{Prefix.ToString(CultureInfo.InvariantCulture)}";

    public string AddressText => Format(Address);

    public string MaskText => Format(Mask);

    public static Ipv4Subnet? TryParse(string? cidr)
    {
        var parts = cidr?.Split('/');
        if (parts is not { Length: 2 } || ParseAddress(parts[0]) is not { } address
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 1 or > 32)
        {
            return null;
        }
        return new Ipv4Subnet(address, prefix);
    }

    /// <summary>A dotted IPv4 address as a number, or null.</summary>
    public static uint? ParseAddress(string text) =>
        IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3
            ? BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes())
            : null;

    /// <summary>True when <paramref name="address"/> is a host address of this subnet (not its network or broadcast address).</summary>
    public bool IsHost(uint address) => (address & Mask) == Network && (Prefix >= 31 || (address != Network && address != Broadcast));

    public static string Format(uint address)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes).ToString();
    }
}
