using System.Globalization;
using Cordouan.Ceph.Config;
using Cordouan.Ceph.Daemons;
using Cordouan.Ceph.Json;
using Cordouan.Core;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Osd;

/// <summary>
/// Creates bluestore OSDs directly on whole block devices (<c>ceph osd new</c>, <c>ceph-osd --mkfs</c> with
/// <c>bluestore_block_path</c> = the device) and destroys them. Refuses devices in use before changing anything.
/// </summary>
public sealed class OsdDeployer(CephContext context, ICephDaemonRunner daemons, BlockDevices devices, TimeProvider time)
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(60);

    public async Task CheckDeviceAsync(string device, bool zap, CancellationToken cancellationToken)
    {
        var facts = await devices.InspectAsync(device, cancellationToken);
        var (blocking, zappable) = facts.Problems();
        if (blocking.Count > 0)
        {
            throw new ValidationException("dev", string.Join("; ", blocking) + "; nothing was changed");
        }
        if (zappable.Count > 0 && !zap)
        {
            throw new ValidationException("dev", string.Join("; ", zappable) + "; pass zap=1 (--zap) to wipe it; nothing was changed");
        }
    }

    public async Task<int> CreateAsync(string device, bool zap, CephOsdAddresses addresses, CephStepLog log, CancellationToken cancellationToken)
    {
        var facts = await context.LoadAsync(cancellationToken);
        if (facts.Mons.Count == 0)
        {
            throw new ValidationException("dev", "the cluster has no monitor yet: create one first ('cord ceph mon create')");
        }
        await CheckDeviceAsync(device, zap, cancellationToken);
        if (zap)
        {
            log.Info($"wiping the start and end of {device}");
            await BlockDevices.WipeAsync(device, cancellationToken);
        }
        var uuid = Guid.NewGuid().ToString();
        var idText = (await context.Tools.CephAsync(["osd", "new", uuid], cancellationToken)).Trim();
        var id = int.Parse(idText, CultureInfo.InvariantCulture);
        var daemon = new CephDaemon("osd", idText);
        log.Info($"allocated osd.{id} (uuid {uuid}) for {device}");
        await using var undo = new Reverter();
        undo.Push(() => context.Tools.CephAsync(["osd", "purge", idText, "--yes-i-really-mean-it"], CancellationToken.None));
        var dataDir = context.Paths.DaemonData("osd", idText);
        Directory.CreateDirectory(dataDir);
        undo.Push(() => Task.Run(() => Directory.Delete(dataDir, recursive: true)));
        var keyring = await context.Tools.CephAsync(
            ["auth", "get-or-create", $"osd.{id}", "mon", "allow profile osd", "mgr", "allow profile osd", "osd", "allow *"], cancellationToken);
        await CephLocalFiles.WriteSecretAsync(Path.Combine(dataDir, "keyring"), keyring, cancellationToken);
        await PinAddressesAsync(idText, addresses, log, cancellationToken);
        log.Info($"creating bluestore on {device}");
        await context.Tools.RunCheckedAsync(
            [
                context.Tools.Binary("ceph-osd"), "--cluster", "ceph", "-c", context.Paths.Conf, "-i", idText, "--mkfs", "--osd-uuid", uuid,
                "--bluestore-block-path", device, "--bluestore-block-create=false",
            ],
            cancellationToken);
        undo.Push(() => BlockDevices.WipeAsync(device, CancellationToken.None));
        log.Info($"starting osd.{id}");
        undo.Push(() => daemons.StopAsync(daemon, CancellationToken.None));
        await daemons.StartAsync(daemon, cancellationToken);
        await CephWait.UntilAsync($"osd.{id} to be up", UpTimeout, time, async ct =>
        {
            var tree = await context.Tools.CephJsonAsync(["osd", "df", "tree"], CephJsonContext.Default.CephOsdDfTree, ct);
            var status = tree.Nodes.FirstOrDefault(n => n.Type == "osd" && n.Id == id)?.Status;
            return (status == "up", $"osd.{id} {status ?? "absent"}");
        }, cancellationToken);
        log.Info($"osd.{id} is up");
        undo.Commit();
        return id;
    }

    public async Task DestroyAsync(int osdId, bool cleanup, CephStepLog log, CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var idText = osdId.ToString(CultureInfo.InvariantCulture);
        var tree = await context.Tools.CephJsonAsync(["osd", "df", "tree"], CephJsonContext.Default.CephOsdDfTree, cancellationToken);
        if (!tree.Nodes.Any(n => n.Type == "osd" && n.Id == osdId))
        {
            throw new ValidationException("osdid", $"no such OSD '{osdId}'");
        }
        var dataDir = context.Paths.DaemonData("osd", idText);
        if (!Directory.Exists(dataDir))
        {
            throw new ValidationException("osdid", $"osd.{osdId} is not on node '{context.Options.NodeName}'; destroy it through its node");
        }
        var device = BlockDevices.DeviceOf(dataDir);
        log.Info($"marking osd.{osdId} out");
        await context.Tools.CephAsync(["osd", "out", idText], cancellationToken);
        log.Info($"stopping osd.{osdId}");
        await daemons.StopAsync(new CephDaemon("osd", idText), cancellationToken);
        log.Info($"purging osd.{osdId} from the cluster maps and auth");
        await context.Tools.CephAsync(["osd", "purge", idText, "--yes-i-really-mean-it"], cancellationToken);
        await PinAddressesAsync(idText, CephOsdAddresses.Unpinned, log, cancellationToken);
        Directory.Delete(dataDir, recursive: true);
        if (cleanup && device is not null)
        {
            log.Info($"wiping {device}");
            await BlockDevices.WipeAsync(device, cancellationToken);
        }
        log.Info($"osd.{osdId} destroyed");
    }

    /// <summary>
    /// Sets (or clears) the OSD's <c>public_addr</c> / <c>cluster_addr</c> in the monitors' config database, read by the
    /// OSD at start. Always written, as ids are reused: a new osd.N must not inherit a destroyed osd.N's addresses.
    /// </summary>
    private async Task PinAddressesAsync(string idText, CephOsdAddresses addresses, CephStepLog log, CancellationToken cancellationToken)
    {
        foreach (var (option, address) in new[] { ("public_addr", addresses.Public), ("cluster_addr", addresses.Cluster) })
        {
            if (address is null)
            {
                await context.Tools.CephAsync(["config", "rm", $"osd.{idText}", option], cancellationToken);
                continue;
            }
            log.Info($"osd.{idText}: {option} = {address}");
            await context.Tools.CephAsync(["config", "set", $"osd.{idText}", option, address], cancellationToken);
        }
    }
}
