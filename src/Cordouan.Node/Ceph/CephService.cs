using System.Globalization;
using Cordouan.Core.Ceph;
using Cordouan.Core.Storage;
using Cordouan.Core.Tasks;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Ceph;

/// <summary>
/// Ceph use cases of this node. Cheap checks run before a task starts, so bad input is a 400 and no task;
/// long operations run as tasks (<c>cephcreatemon</c>, <c>cephcreateosd</c>, …) whose log shows every step.
/// </summary>
public sealed class CephService(ICephDeployment deployment, ICephCluster cluster, TaskManager tasks, StorageRegistry storages)
{
    public ICephCluster Cluster => cluster;

    public Task InitAsync(CephInitSpec spec, CancellationToken cancellationToken) => deployment.InitAsync(spec, cancellationToken);

    public async Task<Upid> CreateMonAsync(string monId, string? address, string user, CancellationToken cancellationToken)
    {
        await deployment.CheckCreateMonAsync(monId, address, cancellationToken);
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

    public async Task<Upid> CreateOsdAsync(string device, bool zap, string user, CancellationToken cancellationToken)
    {
        await deployment.EnsureReadyAsync(requireInitialized: true, cancellationToken);
        await deployment.CheckOsdDeviceAsync(device, zap, cancellationToken);
        return await tasks.StartAsync("cephcreateosd", Path.GetFileName(device), user,
            async t =>
            {
                var id = await deployment.CreateOsdAsync(device, zap, Log(t), t.CancellationToken);
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
        if (addStorage && (await storages.ListAsync(cancellationToken)).Any(s => s.Id == spec.Name))
        {
            throw new Core.Errors.ValidationException("add_storages", $"storage ID '{spec.Name}' already defined; nothing was changed");
        }
        return await tasks.StartAsync("cephcreatepool", spec.Name, user, async t =>
        {
            await cluster.CreatePoolAsync(spec, Log(t), t.CancellationToken);
            if (addStorage)
            {
                await AddPoolStorageAsync(spec.Name, t);
            }
        }, cancellationToken);
    }

    private async Task AddPoolStorageAsync(string pool, TaskContext task)
    {
        var storage = new StorageDefinition { Id = pool, Type = "rbd", Pool = pool, Content = ["images"] };
        if (await storages.TryAddAsync(storage, task.CancellationToken))
        {
            task.Log($"added rbd storage '{pool}' (content images) for pool '{pool}'");
        }
        else
        {
            task.Warn($"storage ID '{pool}' was defined meanwhile; no storage added for pool '{pool}'");
        }
    }

    public async Task<Upid> DestroyPoolAsync(string name, string user, CancellationToken cancellationToken)
    {
        if (!await cluster.PoolExistsAsync(name, cancellationToken))
        {
            throw new Core.Errors.ValidationException("name", $"no such pool '{name}'");
        }
        return await tasks.StartAsync("cephdestroypool", name, user,
            t => cluster.DestroyPoolAsync(name, Log(t), t.CancellationToken), cancellationToken);
    }

    private static CephStepLog Log(TaskContext task) => new(task.Log, task.Warn);
}
