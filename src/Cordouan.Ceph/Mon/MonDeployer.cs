using Cordouan.Ceph.Config;
using Cordouan.Ceph.Daemons;
using Cordouan.Ceph.Json;
using Cordouan.Core;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Mon;

/// <summary>Creates and destroys this node's monitor (one per node, as in Proxmox).</summary>
public sealed class MonDeployer(CephContext context, ICephDaemonRunner daemons, TimeProvider time)
{
    private static readonly TimeSpan QuorumTimeout = TimeSpan.FromSeconds(60);

    public async Task CheckCreateAsync(string monId, string? address, CancellationToken cancellationToken) =>
        Check(monId, address, await context.LoadAsync(cancellationToken));

    public async Task CreateAsync(string monId, string? address, CephStepLog log, CancellationToken cancellationToken)
    {
        var facts = await context.LoadAsync(cancellationToken);
        var entry = Check(monId, address, facts);
        var daemon = new CephDaemon("mon", monId);
        var dataDir = context.Paths.DaemonData("mon", monId);
        var monmap = Path.Combine(context.Paths.Root, $"monmap.{monId}.tmp");
        var keyring = Path.Combine(context.Paths.Root, $"mon.{monId}.keyring.tmp");
        await using var undo = new Reverter();
        try
        {
            if (facts.Mons.Count == 0)
            {
                log.Info($"creating the first monitor map (fsid {facts.Fsid})");
                await context.Tools.RunCheckedAsync(
                    [context.Tools.Binary("monmaptool"), "--create", "--clobber", "--fsid", facts.Fsid, "--addv", monId, entry.AddressVector, monmap], cancellationToken);
            }
            else
            {
                log.Info("fetching the current monitor map");
                await context.Tools.CephAsync(["mon", "getmap", "-o", monmap], cancellationToken);
            }
            await CephLocalFiles.WriteSecretAsync(keyring, Keyrings.MonMkfs(facts), cancellationToken);
            var updated = await context.Facts.UpdateAsync(f => f with { Mons = [.. f.Mons, entry] }, cancellationToken);
            undo.Push(async () =>
            {
                var restored = await context.Facts.UpdateAsync(f => f with { Mons = [.. f.Mons.Where(m => m.Name != monId)] }, CancellationToken.None);
                await context.Files.WriteAsync(restored, CancellationToken.None);
            });
            await context.Files.WriteAsync(updated, cancellationToken);
            log.Info($"creating monitor store for mon.{monId} at {entry.AddressVector}");
            Directory.CreateDirectory(dataDir);
            undo.Push(() => Task.Run(() => Directory.Delete(dataDir, recursive: true)));
            await context.Tools.RunCheckedAsync(
                [context.Tools.Binary("ceph-mon"), "--cluster", "ceph", "-c", context.Paths.Conf, "--mkfs", "-i", monId, "--monmap", monmap, "--keyring", keyring],
                cancellationToken);
            log.Info($"starting mon.{monId}");
            undo.Push(() => daemons.StopAsync(daemon, CancellationToken.None));
            await daemons.StartAsync(daemon, cancellationToken);
            await CephWait.UntilAsync($"mon.{monId} to join the quorum", QuorumTimeout, time, async ct =>
            {
                var dump = await context.Tools.CephJsonAsync(["mon", "dump"], CephJsonContext.Default.CephMonDump, ct);
                var rank = dump.Mons.FirstOrDefault(m => m.Name == monId)?.Rank;
                return (rank is { } r && dump.Quorum.Contains(r), $"quorum ranks [{string.Join(',', dump.Quorum)}]");
            }, cancellationToken);
            log.Info($"mon.{monId} is in quorum");
            undo.Commit();
        }
        finally
        {
            File.Delete(monmap);
            File.Delete(keyring);
        }
    }

    public async Task DestroyAsync(string monId, CephStepLog log, CancellationToken cancellationToken)
    {
        var facts = await context.LoadAsync(cancellationToken);
        var entry = facts.Mons.FirstOrDefault(m => m.Name == monId)
            ?? throw new ValidationException("monid", $"no such monitor '{monId}'");
        if (entry.Node != context.Options.NodeName)
        {
            throw new ValidationException("monid", $"monitor '{monId}' runs on node '{entry.Node}'; destroy it through that node");
        }
        if (facts.Mons.Count == 1)
        {
            throw new ValidationException("monid", $"monitor '{monId}' is the last one; the cluster cannot run without a monitor");
        }
        log.Info($"removing mon.{monId} from the monitor map");
        await context.Tools.CephAsync(["mon", "remove", monId], cancellationToken);
        var daemon = new CephDaemon("mon", monId);
        await daemons.StopAsync(daemon, cancellationToken);
        var updated = await context.Facts.UpdateAsync(f => f with { Mons = [.. f.Mons.Where(m => m.Name != monId)] }, cancellationToken);
        await context.Files.WriteAsync(updated, cancellationToken);
        Directory.Delete(context.Paths.DaemonData("mon", monId), recursive: true);
        log.Info($"mon.{monId} destroyed");
    }

    private CephMonEntry Check(string monId, string? address, CephClusterFacts facts)
    {
        var node = context.Options.NodeName;
        if (facts.Mons.FirstOrDefault(m => m.Node == node) is { } existing)
        {
            throw new ValidationException("monid", $"node '{node}' already has monitor '{existing.Name}'; nothing was changed");
        }
        if (facts.Mons.Any(m => m.Name == monId) || Directory.Exists(context.Paths.DaemonData("mon", monId)))
        {
            throw new ValidationException("monid", $"monitor id '{monId}' is already in use; nothing was changed");
        }
        return ResolveEntry(monId, address, facts);
    }

    /// <summary>IP (default: this node's address in the public network) and ports; <c>IP:PORT</c> sets the v2 port, v1 is PORT+1.</summary>
    private CephMonEntry ResolveEntry(string monId, string? address, CephClusterFacts facts)
    {
        string? ip;
        int? port = null;
        if (address is null)
        {
            ip = CephContext.LocalAddressIn(facts.PublicNetwork)?.ToString()
                ?? throw new ValidationException("mon-address", $"node '{context.Options.NodeName}' has no address in the public network {facts.PublicNetwork}");
        }
        else if (System.Net.IPEndPoint.TryParse(address, out var endpoint))
        {
            ip = endpoint.Address.ToString();
            port = endpoint.Port == 0 ? null : endpoint.Port;
            if (!System.Net.IPNetwork.Parse(facts.PublicNetwork).Contains(endpoint.Address))
            {
                throw new ValidationException("mon-address", $"{ip} is not in the public network {facts.PublicNetwork}");
            }
        }
        else
        {
            throw new ValidationException("mon-address", $"'{address}' is not an IP address (optionally with :port)");
        }
        var entry = new CephMonEntry { Name = monId, Node = context.Options.NodeName, Ip = ip };
        return port is { } p ? entry with { V2Port = p, V1Port = p + 1 } : entry;
    }
}
