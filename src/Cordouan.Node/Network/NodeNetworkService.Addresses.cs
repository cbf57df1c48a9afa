using Cordouan.Core.Network;
using Cordouan.Node.Config;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    /// <summary>
    /// The addresses the NICs of a VM of this node hold according to the DHCP leases of their bridges (only NAT bridges
    /// of this node have any): what <c>cordouan-ips</c> of <c>status/current</c> shows, without a guest agent.
    /// </summary>
    public async Task<IReadOnlyList<VmAddress>> AddressesAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var nics = config.Where(e => NetConfig.TryParseKey(e.Key, out _)).Select(e => NetConfig.Parse(e.Key, e.Value)).ToList();
        var leases = new Dictionary<string, IReadOnlyList<DhcpLease>>(StringComparer.Ordinal);
        foreach (var bridge in nics.Select(n => n.Bridge).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            leases[bridge] = await network.LeasesAsync(bridge, cancellationToken);
        }
        return Match(nics, leases, time.GetUtcNow());
    }

    /// <summary>Each untagged NIC's unexpired lease on its bridge, matched by MAC, in NIC order.</summary>
    public static IReadOnlyList<VmAddress> Match(IReadOnlyList<NetConfig> nics, IReadOnlyDictionary<string, IReadOnlyList<DhcpLease>> leases, DateTimeOffset now)
    {
        var addresses = new List<VmAddress>();
        foreach (var nic in nics.OrderBy(n => n.Index))
        {
            // A tagged NIC is not on the bridge's own (untagged) segment, which is the only one its dnsmasq serves.
            if (nic is not { Bridge: { } bridge, MacAddress: { } mac, Tag: null } || !leases.TryGetValue(bridge, out var onBridge))
            {
                continue;
            }
            foreach (var lease in onBridge.Where(l => string.Equals(l.Mac, mac, StringComparison.OrdinalIgnoreCase) && (l.Expiry is null || l.Expiry > now)))
            {
                addresses.Add(new VmAddress(nic.Key, mac, lease.Ip, bridge));
            }
        }
        return addresses;
    }
}
