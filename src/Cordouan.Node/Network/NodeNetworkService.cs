using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Node.Config;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

/// <summary>
/// This node's network configuration, as Proxmox manages <c>/etc/network/interfaces</c>: changes are staged in etcd
/// (<c>network/&lt;node&gt;/staged</c>, a full copy of the declared interfaces) and take effect only when applied
/// (a <c>srvreload</c> task), which records them as <c>applied</c>; a revert drops the staged copy.
/// </summary>
public sealed partial class NodeNetworkService(IClusterStore store, IHostNetwork network, TaskManager tasks, NodeIdentity node, VmRepository vms, TimeProvider time, ILogger<NodeNetworkService> logger)
{
    private const string Applied = "applied";
    private const string Staged = "staged";

    private readonly DocumentCollection<NodeNetworkDocument> _documents =
        new(store, ClusterKeys.NetworkPrefix(node.NodeName), NodeNetworkJsonContext.Default.NodeNetworkDocument);

    /// <summary>Declared interfaces (staged when changes are pending) and the kernel's other interfaces, by name.</summary>
    public async Task<IReadOnlyList<NodeNetworkItem>> ListAsync(CancellationToken cancellationToken)
    {
        var (_, staged, declared) = await ReadAsync(cancellationToken);
        var live = (await network.ListInterfacesAsync(cancellationToken)).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var items = declared.Select(d => new NodeNetworkItem(d.Iface, d.Type, d, live.GetValueOrDefault(d.Iface), staged is not null)).ToList();
        foreach (var other in live.Values.Where(l => declared.All(d => d.Iface != l.Name) && Listed(l)))
        {
            items.Add(new NodeNetworkItem(other.Name, LiveType(other), null, other, false));
        }
        return items.OrderBy(i => i.Iface, StringComparer.Ordinal).ToList();
    }

    public async Task<NodeNetworkItem> GetAsync(string iface, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(i => i.Iface == iface) ?? throw new NotFoundException("interface does not exist");

    /// <summary>The DHCP leases of a declared interface (empty unless it is an applied NAT bridge), matched to VMs by MAC.</summary>
    public async Task<IReadOnlyList<NetworkLease>> LeasesAsync(string iface, CancellationToken cancellationToken)
    {
        await GetAsync(iface, cancellationToken);
        var leases = await network.LeasesAsync(iface, cancellationToken);
        if (leases.Count == 0)
        {
            return [];
        }
        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var vm in await vms.ListAsync(cancellationToken))
        {
            foreach (var (key, value) in vm.Document.Config)
            {
                if (NetConfig.TryParseKey(key, out _) && NetConfig.Parse(key, value).MacAddress is { } mac)
                {
                    owners.TryAdd(mac, vm.Document.VmId);
                }
            }
        }
        return [.. leases.Select(l => new NetworkLease(l, owners.TryGetValue(l.Mac, out var vmid) ? vmid : null))];
    }

    /// <summary>Stages a new bridge.</summary>
    public async Task CreateAsync(string iface, InterfaceChange change, CancellationToken cancellationToken)
    {
        if ((await network.ListInterfacesAsync(cancellationToken)).Any(l => l.Name == iface))
        {
            // Declaring an interface someone else made would let an apply reshape or delete it.
            throw new ValidationException("iface", $"interface '{iface}' already exists");
        }
        await StageAsync(declared =>
        {
            if (declared.Any(d => d.Iface == iface))
            {
                throw new ValidationException("iface", $"interface '{iface}' already exists");
            }
            return [.. declared, Change(new NodeInterface { Iface = iface }, change)];
        }, cancellationToken);
    }

    /// <summary>Stages a change of a declared bridge.</summary>
    public async Task UpdateAsync(string iface, InterfaceChange change, CancellationToken cancellationToken)
    {
        await StageAsync(declared =>
        {
            var current = declared.FirstOrDefault(d => d.Iface == iface) ?? throw new NotFoundException("interface does not exist");
            return [.. declared.Select(d => d.Iface == iface ? Change(current, change) : d)];
        }, cancellationToken);
    }

    /// <summary>Stages the removal of a declared bridge.</summary>
    public async Task DeleteAsync(string iface, CancellationToken cancellationToken)
    {
        await StageAsync(declared => declared.Any(d => d.Iface == iface)
            ? [.. declared.Where(d => d.Iface != iface)]
            : throw new NotFoundException("interface does not exist"), cancellationToken);
    }

    /// <summary>The applied and staged documents and the interfaces in effect for the next apply (staged, else applied).</summary>
    private async Task<(VersionedDocument<NodeNetworkDocument>? Applied, VersionedDocument<NodeNetworkDocument>? Staged, IReadOnlyList<NodeInterface> Declared)> ReadAsync(CancellationToken cancellationToken)
    {
        var applied = await _documents.FindAsync(Applied, cancellationToken);
        var staged = await _documents.FindAsync(Staged, cancellationToken);
        return (applied, staged, (staged ?? applied)?.Document.Interfaces ?? []);
    }

    /// <summary>Validates the whole staged set after <paramref name="change"/> and writes it with a compare-and-swap.</summary>
    private async Task StageAsync(Func<IReadOnlyList<NodeInterface>, IReadOnlyList<NodeInterface>> change, CancellationToken cancellationToken)
    {
        var (_, staged, declared) = await ReadAsync(cancellationToken);
        var next = change(declared);
        Validate(next, await network.ListInterfacesAsync(cancellationToken));
        var document = new NodeNetworkDocument { Interfaces = next };
        if (staged is null)
        {
            if (!await _documents.TryCreateAsync(Staged, document, cancellationToken))
            {
                throw new ConfigConflictException();
            }
        }
        else
        {
            await _documents.UpdateAsync(staged, document, cancellationToken);
        }
    }

    private static NodeInterface Change(NodeInterface current, InterfaceChange change)
    {
        var next = current with
        {
            Type = change.Type ?? current.Type,
            BridgePorts = change.BridgePorts ?? current.BridgePorts,
            VlanAware = change.VlanAware ?? current.VlanAware,
            Cidr = change.Cidr ?? current.Cidr,
            Gateway = change.Gateway ?? current.Gateway,
            Autostart = change.Autostart ?? current.Autostart,
            Mtu = change.Mtu ?? current.Mtu,
            Comments = change.Comments ?? current.Comments,
            Nat = change.Nat ?? current.Nat,
            NatUplink = change.NatUplink ?? current.NatUplink,
            DhcpRange = change.DhcpRange ?? current.DhcpRange,
        };
        foreach (var key in change.Delete)
        {
            next = key switch
            {
                "bridge_ports" => next with { BridgePorts = [] },
                "bridge_vlan_aware" => next with { VlanAware = false },
                "cidr" => next with { Cidr = null },
                "gateway" => next with { Gateway = null },
                "mtu" => next with { Mtu = null },
                "comments" => next with { Comments = null },
                "autostart" => next with { Autostart = false },
                "cordouan-nat" => next with { Nat = false },
                "cordouan-nat-uplink" => next with { NatUplink = null },
                "cordouan-dhcp-range" => next with { DhcpRange = null },
                _ => throw new ValidationException("delete", $"cannot delete '{key}'"),
            };
        }
        return next;
    }

    // Taps, loopback and per-tag VLAN bridges are the daemon's own plumbing, not the operator's interfaces.
    private static bool Listed(LiveInterface live) =>
        live.Name != "lo" && !TapNames.IsTap(live.Name) && live.Kind is not "tun";

    private static string LiveType(LiveInterface live) => live.Kind switch
    {
        "bridge" => "bridge",
        "vlan" => "vlan",
        "bond" => "bond",
        null or "veth" => "eth",
        _ => "unknown",
    };
}
