using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;
using Cordouan.Network.Config;
using Cordouan.Network.Nat;
using Cordouan.Network.Taps;
using Microsoft.Extensions.Logging;

namespace Cordouan.Network.Links;

/// <summary>
/// <see cref="IHostNetwork"/> over iproute2 and tc, in whatever network namespace the daemon runs in. A tagged NIC on
/// a VLAN-aware bridge becomes an access port of that VLAN; on a plain bridge it joins the per-tag bridge
/// <c>&lt;bridge&gt;v&lt;tag&gt;</c> (Proxmox's "traditional" VLAN mode), created on first use with a VLAN
/// sub-interface of every uplink of the bridge. Per-tag bridges are kept once made, as Proxmox keeps them.
/// A NAT bridge gets its own nftables table and a dnsmasq (<see cref="DnsmasqSupervisor"/>).
/// </summary>
public sealed partial class LinuxHostNetwork(IpTool ip, DnsmasqSupervisor dnsmasq, ILogger<LinuxHostNetwork> logger) : IHostNetwork, IDisposable
{
    // Serializes creation of per-tag bridges: two VMs starting on the same tag must not both create it.
    private readonly SemaphoreSlim _vlanBridges = new(1, 1);

    public void Dispose() => _vlanBridges.Dispose();

    public async Task<BridgeInfo?> FindBridgeAsync(string name, CancellationToken cancellationToken)
    {
        if (!InterfaceNames.IsValid(name))
        {
            return null;
        }
        var link = await ip.FindLinkAsync(name, cancellationToken);
        return link is { Kind: "bridge" } ? new BridgeInfo(link.Name, link.VlanFiltering) : null;
    }

    public async Task AttachTapAsync(TapAttachment tap, CancellationToken cancellationToken)
    {
        var bridge = await FindBridgeAsync(tap.Bridge, cancellationToken)
            ?? throw new CordouanException($"Failed to plug {tap.Tap} into bridge '{tap.Bridge}': bridge '{tap.Bridge}' does not exist");
        var target = bridge.Name;
        if (tap.Tag is { } tag && !bridge.VlanAware)
        {
            target = await EnsureVlanBridgeAsync(bridge.Name, tag, cancellationToken);
        }
        foreach (var command in TapPlan.Attach(tap, target, bridge.VlanAware))
        {
            await ip.RunAsync(command, cancellationToken);
        }
        try
        {
            foreach (var command in TapPlan.LimitFromGuest(tap))
            {
                await ip.RunAsync(command, cancellationToken);
            }
        }
        catch (ExternalCommandException e)
        {
            // The kernel lacks ingress policing (cls_basic/act_police): the limit then holds towards the guest only.
            Log.IngressLimitUnsupported(logger, tap.Tap, e.StderrTail);
        }
        Log.TapAttached(logger, tap.Tap, target, tap.Tag, tap.RateMegabytesPerSecond);
    }

    public Task<IReadOnlyList<LiveInterface>> ListInterfacesAsync(CancellationToken cancellationToken) => ip.InterfacesAsync(cancellationToken);

    public async Task ApplyAsync(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, Action<string> log, CancellationToken cancellationToken)
    {
        var commands = NetworkPlan.Build(previous, desired, await ip.InterfacesAsync(cancellationToken));
        if (commands.Count == 0)
        {
            log("no change");
        }
        foreach (var command in commands)
        {
            log(string.Join(' ', command));
            await ip.RunAsync(command, cancellationToken);
        }
        await ApplyNatAsync(previous, desired, log, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> DifferencesAsync(IReadOnlyList<NodeInterface> desired, CancellationToken cancellationToken)
    {
        var differences = NetworkPlan.Build(desired, desired, await ip.InterfacesAsync(cancellationToken)).Select(c => string.Join(' ', c)).ToList();
        var nat = desired.Where(d => d.Nat).ToList();
        if (nat.Count == 0)
        {
            return differences;
        }
        if ((await ip.RunAsync(NatPlan.ReadForwarding(), cancellationToken)).StandardOutput.Trim() != "1")
        {
            differences.Add("IPv4 forwarding is off");
        }
        var tables = NatPlan.ParseTables((await ip.RunAsync(NatPlan.ListTables(), cancellationToken)).StandardOutput);
        foreach (var bridge in nat)
        {
            if (!tables.Contains(NatPlan.TableName(bridge.Iface)))
            {
                differences.Add($"nftables table ip {NatPlan.TableName(bridge.Iface)} is missing");
            }
            if (!dnsmasq.IsRunning(bridge))
            {
                differences.Add($"dnsmasq of {bridge.Iface} is not running");
            }
        }
        return differences;
    }

    public Task<IReadOnlyList<DhcpLease>> LeasesAsync(string bridge, CancellationToken cancellationToken) =>
        InterfaceNames.IsValid(bridge) ? dnsmasq.LeasesAsync(bridge, cancellationToken) : Task.FromResult<IReadOnlyList<DhcpLease>>([]);

    /// <summary>
    /// After the bridges: a bridge that stopped being NAT (or is gone) loses its table and dnsmasq first, then each NAT
    /// bridge gets forwarding, its table (replaced whole) and its dnsmasq (started, or restarted when changed).
    /// </summary>
    private async Task ApplyNatAsync(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var gone in previous.Where(p => p.Nat && !desired.Any(d => d.Iface == p.Iface && d.Nat)))
        {
            var delete = NatPlan.DeleteTable(gone.Iface);
            log(string.Join(' ', delete));
            await ip.TryRunAsync(delete, cancellationToken);
            await dnsmasq.RemoveAsync(gone.Iface, log, cancellationToken);
        }
        var nat = desired.Where(d => d.Nat).ToList();
        if (nat.Count == 0)
        {
            return;
        }
        var forwarding = NatPlan.EnableForwarding();
        log(string.Join(' ', forwarding));
        await ip.RunAsync(forwarding, cancellationToken);
        foreach (var bridge in nat)
        {
            log($"nft -f - (table ip {NatPlan.TableName(bridge.Iface)})");
            await ip.RunAsync(["nft", "-f", "-"], NatPlan.Ruleset(bridge), cancellationToken);
            await dnsmasq.EnsureAsync(bridge, log, cancellationToken);
        }
    }

    public async Task RemoveTapsAsync(VmId vmId, CancellationToken cancellationToken)
    {
        foreach (var link in await ip.LinksAsync(cancellationToken))
        {
            if (TapNames.BelongsTo(link.Name, vmId))
            {
                var result = await ip.TryRunAsync(["ip", "link", "delete", "dev", link.Name], cancellationToken);
                if (result.ExitCode == 0)
                {
                    Log.TapRemoved(logger, link.Name, vmId);
                }
            }
        }
    }

    /// <summary>The per-tag bridge of a bridge that is not VLAN-aware, created with the VLAN sub-interfaces of its uplinks if missing.</summary>
    private async Task<string> EnsureVlanBridgeAsync(string bridge, int tag, CancellationToken cancellationToken)
    {
        var name = TapPlan.VlanBridgeName(bridge, tag);
        if (!InterfaceNames.IsValid(name))
        {
            throw new CordouanException($"Failed to use VLAN {tag} on bridge '{bridge}': the VLAN bridge name '{name}' is longer than 15 characters (make the bridge VLAN-aware, or shorten its name)");
        }
        await _vlanBridges.WaitAsync(cancellationToken);
        try
        {
            var links = await ip.LinksAsync(cancellationToken);
            if (!links.Any(l => l.Name == name))
            {
                await ip.RunAsync(["ip", "link", "add", "name", name, "type", "bridge"], cancellationToken);
                Log.VlanBridgeCreated(logger, name, bridge, tag);
            }
            // Uplinks are the bridge's ports other than VM taps and other bridges' VLAN ports.
            foreach (var port in links.Where(l => l.Master == bridge && !TapNames.IsTap(l.Name)))
            {
                var vlanPort = TapPlan.VlanPortName(port.Name, tag);
                if (!InterfaceNames.IsValid(vlanPort))
                {
                    throw new CordouanException($"Failed to use VLAN {tag} on bridge '{bridge}': the VLAN interface name '{vlanPort}' is longer than 15 characters");
                }
                if (!links.Any(l => l.Name == vlanPort))
                {
                    await ip.RunAsync(["ip", "link", "add", "link", port.Name, "name", vlanPort, "type", "vlan", "id", tag.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
                }
                await ip.RunAsync(["ip", "link", "set", "dev", vlanPort, "master", name, "up"], cancellationToken);
            }
            await ip.RunAsync(["ip", "link", "set", "dev", name, "up"], cancellationToken);
            return name;
        }
        finally
        {
            _vlanBridges.Release();
        }
    }
}
