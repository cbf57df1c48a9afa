using System.Globalization;
using Cordouan.Core.Network;

namespace Cordouan.Network.Config;

/// <summary>
/// The <c>ip</c> commands that take the kernel from its live state to a node's declared bridges, as pure data. Only
/// what differs is touched: an apply that changes nothing runs nothing, and interfaces never declared are left alone.
/// </summary>
public static class NetworkPlan
{
    public static IReadOnlyList<string[]> Build(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, IReadOnlyList<LiveInterface> live)
    {
        var commands = new List<string[]>();
        var byName = live.ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (var gone in previous.Where(p => desired.All(d => d.Iface != p.Iface)))
        {
            if (byName.TryGetValue(gone.Iface, out var existing) && existing.Kind == "bridge")
            {
                commands.Add(["ip", "link", "delete", "dev", gone.Iface]);
            }
        }
        foreach (var bridge in desired)
        {
            var before = previous.FirstOrDefault(p => p.Iface == bridge.Iface);
            byName.TryGetValue(bridge.Iface, out var current);
            AddBridge(commands, bridge, before, current, byName);
        }
        return commands;
    }

    private static void AddBridge(List<string[]> commands, NodeInterface bridge, NodeInterface? before, LiveInterface? current, Dictionary<string, LiveInterface> live)
    {
        var name = bridge.Iface;
        var filtering = bridge.VlanAware ? "1" : "0";
        if (current is null)
        {
            commands.Add(bridge.VlanAware
                ? ["ip", "link", "add", "name", name, "type", "bridge", "vlan_filtering", "1"]
                : ["ip", "link", "add", "name", name, "type", "bridge"]);
        }
        else if (current.VlanAware != bridge.VlanAware)
        {
            commands.Add(["ip", "link", "set", "dev", name, "type", "bridge", "vlan_filtering", filtering]);
        }
        if (bridge.Mtu is { } mtu && current?.Mtu != mtu)
        {
            commands.Add(["ip", "link", "set", "dev", name, "mtu", mtu.ToString(CultureInfo.InvariantCulture)]);
        }
        foreach (var port in bridge.BridgePorts)
        {
            if (!live.TryGetValue(port, out var p) || p.Master != name)
            {
                commands.Add(["ip", "link", "set", "dev", port, "master", name]);
            }
            if (!live.TryGetValue(port, out var q) || !q.Up)
            {
                commands.Add(["ip", "link", "set", "dev", port, "up"]);
            }
        }
        foreach (var port in before?.BridgePorts.Except(bridge.BridgePorts) ?? [])
        {
            if (live.TryGetValue(port, out var p) && p.Master == name)
            {
                commands.Add(["ip", "link", "set", "dev", port, "nomaster"]);
            }
        }
        var addresses = current?.Addresses ?? [];
        foreach (var address in addresses.Where(a => a != bridge.Cidr))
        {
            commands.Add(["ip", "address", "del", address, "dev", name]);
        }
        if (bridge.Cidr is { } cidr && !addresses.Contains(cidr))
        {
            commands.Add(["ip", "address", "add", cidr, "dev", name]);
        }
        if (bridge.Autostart && current?.Up != true)
        {
            commands.Add(["ip", "link", "set", "dev", name, "up"]);
        }
        else if (!bridge.Autostart && current?.Up == true)
        {
            commands.Add(["ip", "link", "set", "dev", name, "down"]);
        }
        if (before?.Gateway is { } oldGateway && oldGateway != bridge.Gateway)
        {
            commands.Add(["ip", "route", "del", "default", "via", oldGateway, "dev", name]);
        }
        if (bridge.Gateway is { } gateway && bridge.Autostart && current?.Gateway != gateway)
        {
            commands.Add(["ip", "route", "replace", "default", "via", gateway, "dev", name]);
        }
    }
}
