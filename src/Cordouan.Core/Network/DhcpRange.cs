namespace Cordouan.Core.Network;

/// <summary>The addresses a NAT bridge's dnsmasq leases: <c>start-end</c>, inside the bridge's subnet.</summary>
public sealed record DhcpRange(uint Start, uint End)
{
    public string StartText => Ipv4Subnet.Format(Start);

    public string EndText => Ipv4Subnet.Format(End);

    public override string ToString() => $"{StartText}-{EndText}";

    /// <summary>
    /// The upper half of the subnet's host addresses (<c>.128-.254</c> for a /24): the lower half stays free for static
    /// addresses, the bridge's own usually being the first. Null when the subnet has no room (a /31 or /32).
    /// </summary>
    public static DhcpRange? Default(Ipv4Subnet subnet)
    {
        if (subnet.Prefix > 30)
        {
            return null;
        }
        var size = subnet.Broadcast - subnet.Network + 1;
        var start = subnet.Network + Math.Max(2, size / 2);
        var end = subnet.Broadcast - 1;
        return start <= end ? new DhcpRange(start, end) : null;
    }

    /// <summary>
    /// Parses <c>start-end</c> and checks it against the bridge's subnet; returns the reason it is wrong, or null.
    /// The bridge's own address may not be inside: dnsmasq would lease it.
    /// </summary>
    public static string? TryParse(string text, Ipv4Subnet subnet, out DhcpRange? range)
    {
        range = null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || Ipv4Subnet.ParseAddress(parts[0]) is not { } start || Ipv4Subnet.ParseAddress(parts[1]) is not { } end)
        {
            return $"value '{text}' is not a range of two IPv4 addresses (e.g. 10.0.0.100-10.0.0.200)";
        }
        if (!subnet.IsHost(start) || !subnet.IsHost(end))
        {
            return $"range {text} is not inside the subnet {subnet.NetworkCidr} of the bridge";
        }
        if (start > end)
        {
            return $"range {text} ends before it starts";
        }
        if (subnet.Address >= start && subnet.Address <= end)
        {
            return $"range {text} holds the bridge's own address {subnet.AddressText}";
        }
        range = new DhcpRange(start, end);
        return null;
    }
}
