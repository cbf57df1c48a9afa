using Cordouan.Core.Ceph;

namespace Cordouan.Ceph.Config;

/// <summary><see cref="ICephClientConfig"/> from this node's Ceph files, rewritten from the cluster's facts when stale.</summary>
public sealed class CephClientConfig(CephContext context) : ICephClientConfig
{
    public CephClientFiles Files => new(context.Paths.Conf, context.Paths.AdminKeyring);

    public Task PrepareAsync(CancellationToken cancellationToken) => context.LoadAsync(cancellationToken);
}
