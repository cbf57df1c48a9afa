using System.Globalization;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Core.Tasks;
using Cordouan.Node.Hosting;
using Cordouan.Node.Network;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Ceph;

/// <summary>
/// Ceph use cases of this node. Cheap checks run before a task starts, so bad input is a 400 and no task;
/// long operations run as tasks (<c>cephcreatemon</c>, <c>cephcreateosd</c>, …) whose log shows every step.
/// Networks and monitor addresses left out of a request come from this node's Ceph traffic networks.
/// </summary>
public sealed class CephService(
    ICephDeployment deployment,
    ICephCluster cluster,
    TaskManager tasks,
    PoolStorages poolStorages,
    TrafficNetworkService traffic,
    IHostNetwork network,
    NodeIdentity node)
{
    public ICephCluster Cluster => cluster;

    /// <summary>
    /// Initializes Ceph. A network the request leaves out is this node's <c>ceph-public</c> (<c>ceph-cluster</c>)
    /// setting; without either, the public network is a missing parameter (400 on <c>network</c>).
    /// </summary>
    public async Task InitAsync(CephInitSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Network is null || spec.ClusterNetwork is null)
        {
            var settings = await traffic.GetAsync(node.NodeName, cancellationToken);
            IReadOnlyList<LiveInterface> live = settings.CephPublic is null && settings.CephCluster is null
                ? []
                : await network.ListInterfacesAsync(cancellationToken);
            spec = spec with
            {
                // Still null without a ceph-public setting: the deployment then refuses it, after "already initialized".
                Network = spec.Network ?? DefaultNetwork("network", "ceph-public", settings.CephPublic, live),
                ClusterNetwork = spec.ClusterNetwork ?? DefaultNetwork("cluster-network", "ceph-cluster", settings.CephCluster, live),
            };
        }
        await deployment.InitAsync(spec, cancellationToken);
    }

    /// <summary>Creates this node's monitor; without <paramref name="address"/>, at this node's <c>ceph-public</c> address when that is an address.</summary>
    public async Task<Upid> CreateMonAsync(string monId, string? address, string user, CancellationToken cancellationToken)
    {
        var fromTraffic = address is null ? CephTrafficDefaults.MonAddress((await traffic.GetAsync(node.NodeName, cancellationToken)).CephPublic) : null;
        address ??= fromTraffic;
        try
        {
            await deployment.CheckCreateMonAsync(monId, address, cancellationToken);
        }
        catch (ValidationException e) when (fromTraffic is not null && e.Errors.TryGetValue("mon-address", out var why))
        {
            throw new ValidationException("mon-address",
                $"{why} (the address is node '{node.NodeName}''s Ceph public address, cordouan-net-ceph-public: pass mon-address or change the setting)");
        }
        return await tasks.StartAsync("cephcreatemon", "mon." + monId, user,
            t => deployment.CreateMonAsync(monId, address, Log(t), t.CancellationToken), cancellationToken);
    }

    public async Task<Upid> DestroyMonAsync(string monId, string user, CancellationToken cancellationToken)
    {
        if (!(await cluster.ListMonsAsync(cancellationToken)).Any(m => m.Name == monId))
        {
            throw new Core.Errors.ValidationException("monid", $"no such monitor '{monId}'");
        }
        return await tasks.StartAsync("cephdestroymon", "mon." + monId, user,
            t => deployment.DestroyMonAsync(monId, Log(t), t.CancellationToken), cancellationToken);
    }

    public async Task<Upid> CreateMgrAsync(string mgrId, string user, CancellationToken cancellationToken)
    {
        await deployment.CheckCreateMgrAsync(mgrId, cancellationToken);
        return await tasks.StartAsync("cephcreatemgr", "mgr." + mgrId, user,
            t => deployment.CreateMgrAsync(mgrId, Log(t), t.CancellationToken), cancellationToken);
    }

    public async Task<Upid> DestroyMgrAsync(string mgrId, string user, CancellationToken cancellationToken)
    {
        if (!(await cluster.ListMgrsAsync(cancellationToken)).Any(m => m.Name == mgrId && m.Host is not null))
        {
            throw new Core.Errors.ValidationException("id", $"no manager '{mgrId}' on this node");
        }
        return await tasks.StartAsync("cephdestroymgr", "mgr." + mgrId, user,
            t => deployment.DestroyMgrAsync(mgrId, Log(t), t.CancellationToken), cancellationToken);
    }

    /// <summary>Creates an OSD on <paramref name="device"/>, bound to this node's Ceph public and cluster traffic addresses when they are set.</summary>
    public async Task<Upid> CreateOsdAsync(string device, bool zap, string user, CancellationToken cancellationToken)
    {
        await deployment.EnsureReadyAsync(requireInitialized: true, cancellationToken);
        await deployment.CheckOsdDeviceAsync(device, zap, cancellationToken);
        var settings = await traffic.GetAsync(node.NodeName, cancellationToken);
        IReadOnlyList<LiveInterface> live = settings.CephPublic is null && settings.CephCluster is null ? [] : await network.ListInterfacesAsync(cancellationToken);
        var addresses = new CephOsdAddresses(CephTrafficDefaults.OsdAddress(settings.CephPublic, live), CephTrafficDefaults.OsdAddress(settings.CephCluster, live));
        return await tasks.StartAsync("cephcreateosd", Path.GetFileName(device), user,
            async t =>
            {
                foreach (var (kind, setting, address) in new[] { ("ceph-public", settings.CephPublic, addresses.Public), ("ceph-cluster", settings.CephCluster, addresses.Cluster) })
                {
                    if (setting is not null && address is null)
                    {
                        t.Warn($"node '{node.NodeName}' has no address in its {kind} network {setting}: Ceph picks the OSD's address itself");
                    }
                }
                var id = await deployment.CreateOsdAsync(device, zap, addresses, Log(t), t.CancellationToken);
                t.Log($"created osd.{id.ToString(CultureInfo.InvariantCulture)} on {device}");
            }, cancellationToken);
    }

    public async Task<Upid> DestroyOsdAsync(int osdId, bool cleanup, string user, CancellationToken cancellationToken)
    {
        await deployment.EnsureReadyAsync(requireInitialized: true, cancellationToken);
        var id = osdId.ToString(CultureInfo.InvariantCulture);
        if (!(await cluster.ListOsdsAsync(cancellationToken)).Any(o => o.Id == osdId))
        {
            throw new Core.Errors.ValidationException("osdid", $"no such OSD '{id}'");
        }
        return await tasks.StartAsync("cephdestroyosd", id, user,
            t => deployment.DestroyOsdAsync(osdId, cleanup, Log(t), t.CancellationToken), cancellationToken);
    }

    /// <summary>
    /// Creates a pool; with <paramref name="addStorage"/> (Proxmox's <c>add_storages</c>) an rbd storage named after the
    /// pool is added once the pool exists. A storage of that name already defined is refused before anything is created.
    /// </summary>
    public async Task<Upid> CreatePoolAsync(CephPoolSpec spec, bool addStorage, string user, CancellationToken cancellationToken)
    {
        if (await cluster.PoolExistsAsync(spec.Name, cancellationToken))
        {
            throw new Core.Errors.ValidationException("name", $"pool '{spec.Name}' already exists; nothing was changed");
        }
        if (addStorage)
        {
            await poolStorages.EnsureIdFreeAsync(spec.Name, cancellationToken);
        }
        return await tasks.StartAsync("cephcreatepool", spec.Name, user, async t =>
        {
            await cluster.CreatePoolAsync(spec, Log(t), t.CancellationToken);
            if (addStorage)
            {
                await poolStorages.AddAsync(spec.Name, t);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Destroys a pool. Unless <paramref name="force"/>, a pool whose storages hold VM disks is refused with their list;
    /// with <paramref name="removeStorages"/> its storages go too (refused while a VM config names them).
    /// </summary>
    public async Task<Upid> DestroyPoolAsync(string name, bool force, bool removeStorages, string user, CancellationToken cancellationToken)
    {
        if (!await cluster.PoolExistsAsync(name, cancellationToken))
        {
            throw new Core.Errors.ValidationException("name", $"no such pool '{name}'");
        }
        var storages = await poolStorages.OfPoolAsync(name, cancellationToken);
        if (!force)
        {
            await poolStorages.EnsureNoDisksAsync(name, storages, cancellationToken);
        }
        if (removeStorages)
        {
            await poolStorages.EnsureUnusedAsync(storages, cancellationToken);
        }
        return await tasks.StartAsync("cephdestroypool", name, user, async t =>
        {
            await cluster.DestroyPoolAsync(name, Log(t), t.CancellationToken);
            if (removeStorages)
            {
                await poolStorages.RemoveAsync(storages, t);
            }
        }, cancellationToken);
    }

    private string? DefaultNetwork(string field, string kind, string? setting, IReadOnlyList<LiveInterface> live) =>
        setting is null
            ? null
            : CephTrafficDefaults.Network(setting, live)
                ?? throw new ValidationException(field,
                    $"node '{node.NodeName}''s {kind} address {setting} (cordouan-net-{kind}) is on none of its interfaces, so it gives no network: pass {field}");

    private static CephStepLog Log(TaskContext task) => new(task.Log, task.Warn);
}
