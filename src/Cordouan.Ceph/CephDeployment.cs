using Cordouan.Ceph.Config;
using Cordouan.Ceph.Mgr;
using Cordouan.Ceph.Mon;
using Cordouan.Ceph.Osd;
using Cordouan.Core.Ceph;

namespace Cordouan.Ceph;

/// <summary><see cref="ICephDeployment"/>: delegates to the per-daemon deployers.</summary>
public sealed class CephDeployment(CephContext context, ClusterInitializer initializer, MonDeployer mons, MgrDeployer mgrs, OsdDeployer osds) : ICephDeployment
{
    public Task InitAsync(CephInitSpec spec, CancellationToken cancellationToken) => initializer.InitAsync(spec, cancellationToken);

    public async Task EnsureReadyAsync(bool requireInitialized, CancellationToken cancellationToken)
    {
        context.Tools.EnsureInstalled();
        if (requireInitialized)
        {
            await context.LoadAsync(cancellationToken);
        }
    }

    public Task CheckCreateMonAsync(string monId, string? address, CancellationToken cancellationToken) => mons.CheckCreateAsync(monId, address, cancellationToken);

    public Task CreateMonAsync(string monId, string? address, CephStepLog log, CancellationToken cancellationToken) => mons.CreateAsync(monId, address, log, cancellationToken);

    public Task DestroyMonAsync(string monId, CephStepLog log, CancellationToken cancellationToken) => mons.DestroyAsync(monId, log, cancellationToken);

    public Task CheckCreateMgrAsync(string mgrId, CancellationToken cancellationToken) => mgrs.CheckCreateAsync(mgrId, cancellationToken);

    public Task CreateMgrAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken) => mgrs.CreateAsync(mgrId, log, cancellationToken);

    public Task DestroyMgrAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken) => mgrs.DestroyAsync(mgrId, log, cancellationToken);

    public Task CheckOsdDeviceAsync(string device, bool zap, CancellationToken cancellationToken) => osds.CheckDeviceAsync(device, zap, cancellationToken);

    public Task<int> CreateOsdAsync(string device, bool zap, CephOsdAddresses addresses, CephStepLog log, CancellationToken cancellationToken) =>
        osds.CreateAsync(device, zap, addresses, log, cancellationToken);

    public Task DestroyOsdAsync(int osdId, bool cleanup, CephStepLog log, CancellationToken cancellationToken) => osds.DestroyAsync(osdId, cleanup, log, cancellationToken);
}
