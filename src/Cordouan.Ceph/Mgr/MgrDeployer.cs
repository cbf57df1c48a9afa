using Cordouan.Ceph.Config;
using Cordouan.Ceph.Daemons;
using Cordouan.Ceph.Json;
using Cordouan.Core;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Mgr;

/// <summary>Creates and destroys managers of this node.</summary>
public sealed class MgrDeployer(CephContext context, ICephDaemonRunner daemons, TimeProvider time)
{
    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(90);

    public async Task CheckCreateAsync(string mgrId, CancellationToken cancellationToken)
    {
        var facts = await context.LoadAsync(cancellationToken);
        if (facts.Mons.Count == 0)
        {
            throw new ValidationException("id", "the cluster has no monitor yet: create one first ('cord ceph mon create')");
        }
        if (Directory.Exists(context.Paths.DaemonData("mgr", mgrId)))
        {
            throw new ValidationException("id", $"manager '{mgrId}' already exists on node '{context.Options.NodeName}'; nothing was changed");
        }
    }

    public async Task CreateAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken)
    {
        await CheckCreateAsync(mgrId, cancellationToken);
        var dataDir = context.Paths.DaemonData("mgr", mgrId);
        var daemon = new CephDaemon("mgr", mgrId);
        await using var undo = new Reverter();
        Directory.CreateDirectory(dataDir);
        undo.Push(() => Task.Run(() => Directory.Delete(dataDir, recursive: true)));
        log.Info($"creating the key of mgr.{mgrId}");
        var keyring = await context.Tools.CephAsync(
            ["auth", "get-or-create", $"mgr.{mgrId}", "mon", "allow profile mgr", "osd", "allow *", "mds", "allow *"], cancellationToken);
        undo.Push(() => context.Tools.CephAsync(["auth", "del", $"mgr.{mgrId}"], CancellationToken.None));
        await CephLocalFiles.WriteSecretAsync(Path.Combine(dataDir, "keyring"), keyring, cancellationToken);
        log.Info($"starting mgr.{mgrId}");
        undo.Push(() => daemons.StopAsync(daemon, CancellationToken.None));
        await daemons.StartAsync(daemon, cancellationToken);
        await CephWait.UntilAsync($"mgr.{mgrId} to register with the monitors", RegisterTimeout, time, async ct =>
        {
            var dump = await context.Tools.CephJsonAsync(["mgr", "dump"], CephJsonContext.Default.CephMgrDump, ct);
            var known = dump.ActiveName == mgrId || dump.Standbys.Any(s => s.Name == mgrId);
            return (known, $"active '{dump.ActiveName}', standbys [{string.Join(',', dump.Standbys.Select(s => s.Name))}]");
        }, cancellationToken);
        log.Info($"mgr.{mgrId} is running");
        undo.Commit();
    }

    public async Task DestroyAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var dataDir = context.Paths.DaemonData("mgr", mgrId);
        if (!Directory.Exists(dataDir))
        {
            throw new ValidationException("id", $"no manager '{mgrId}' on node '{context.Options.NodeName}'");
        }
        log.Info($"stopping mgr.{mgrId}");
        await daemons.StopAsync(new CephDaemon("mgr", mgrId), cancellationToken);
        await context.Tools.CephAsync(["auth", "del", $"mgr.{mgrId}"], cancellationToken);
        Directory.Delete(dataDir, recursive: true);
        log.Info($"mgr.{mgrId} destroyed");
    }
}
