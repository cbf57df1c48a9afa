using System.Net;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Core.Tasks;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    /// <summary>
    /// Applies the staged configuration (or re-applies the applied one) as a <c>srvreload</c> task. Refused before the
    /// task starts when it would cut one of this node's management addresses, unless <paramref name="force"/>.
    /// </summary>
    public async Task<Upid> ApplyAsync(bool force, string user, CancellationToken cancellationToken)
    {
        var (applied, staged, declared) = await ReadAsync(cancellationToken);
        var previous = applied?.Document.Interfaces ?? [];
        var cut = ManagementCut(previous, declared, await network.ListInterfacesAsync(cancellationToken), await ManagementAddressesAsync(cancellationToken));
        if (cut is not null && !force)
        {
            throw new ValidationException("force", $"{cut}; set force=1 to apply anyway");
        }
        return await tasks.StartAsync("srvreload", "networking", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            if (cut is not null)
            {
                ctx.Warn($"forced: {cut}");
            }
            await network.ApplyAsync(previous, declared, ctx.Log, ct);
            var document = new NodeNetworkDocument { Interfaces = declared };
            if (applied is null)
            {
                if (!await _documents.TryCreateAsync(Applied, document, ct))
                {
                    throw new ConfigConflictException();
                }
            }
            else
            {
                await _documents.UpdateAsync(applied, document, ct);
            }
            if (staged is not null)
            {
                await _documents.TryDeleteAsync(staged, ct);
            }
            LogApplied(logger, node.NodeName, declared.Count);
        }, cancellationToken);
    }

    /// <summary>Drops the staged changes (Proxmox's revert); no-op when there are none.</summary>
    public async Task RevertAsync(CancellationToken cancellationToken)
    {
        if (await _documents.FindAsync(Staged, cancellationToken) is { } staged && !await _documents.TryDeleteAsync(staged, cancellationToken))
        {
            throw new ConfigConflictException();
        }
    }

    /// <summary>Why applying <paramref name="desired"/> would cut a management address, or null when none is at risk.</summary>
    public static string? ManagementCut(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, IReadOnlyList<LiveInterface> live, IReadOnlyList<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            var text = address.ToString();
            var holder = live.FirstOrDefault(l => l.Addresses.Any(a => a.Split('/')[0] == text));
            if (holder is null)
            {
                continue;
            }
            var what = $"applying would cut the management address {text} (on {holder.Name})";
            var declared = desired.FirstOrDefault(d => d.Iface == holder.Name);
            if (declared is null && previous.Any(p => p.Iface == holder.Name))
            {
                return $"{what}: bridge {holder.Name} would be deleted";
            }
            if (declared is not null && declared.Cidr?.Split('/')[0] != text)
            {
                return $"{what}: its address would become {declared.Cidr ?? "none"}";
            }
            if (declared is { Autostart: false })
            {
                return $"{what}: it would be brought down (autostart 0)";
            }
            if (desired.FirstOrDefault(d => d.BridgePorts.Contains(holder.Name)) is { } bridge)
            {
                return $"{what}: it would become a port of bridge {bridge.Iface}";
            }
        }
        return null;
    }

    /// <summary>The addresses other nodes and clients reach this node on: its API address and its etcd peer address.</summary>
    private async Task<IReadOnlyList<IPAddress>> ManagementAddressesAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Node(node.NodeName), cancellationToken);
        if (entry is null)
        {
            return [];
        }
        var document = JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.NodeDocument)!;
        var addresses = new List<IPAddress>();
        if (IPAddress.TryParse(document.Address, out var api))
        {
            addresses.Add(api);
        }
        if (Uri.TryCreate(document.ClusterUrl, UriKind.Absolute, out var cluster) && IPAddress.TryParse(cluster.Host, out var peer))
        {
            addresses.Add(peer);
        }
        return addresses;
    }
}
