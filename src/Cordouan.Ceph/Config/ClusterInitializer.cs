using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Config;

/// <summary><c>ceph init</c>: new fsid and keys in the cluster store (create-only, so two inits never both win), local files.</summary>
public sealed class ClusterInitializer(CephContext context)
{
    public async Task InitAsync(CephInitSpec spec, CancellationToken cancellationToken)
    {
        context.Tools.EnsureInstalled();
        await RefuseExistingAsync(cancellationToken);
        var facts = new CephClusterFacts
        {
            Fsid = Guid.NewGuid().ToString(),
            PublicNetwork = spec.Network ?? throw new ValidationException("network",
                $"property is missing and it is not optional (or set node '{context.Options.NodeName}''s Ceph public network: cord node set-networks {context.Options.NodeName} --ceph-public <cidr>)"),
            ClusterNetwork = spec.ClusterNetwork,
            Size = spec.Size,
            MinSize = spec.MinSize,
            PgBits = spec.PgBits,
            FailureDomain = spec.FailureDomain,
            MonKey = await context.Tools.GenerateKeyAsync(cancellationToken),
            AdminKey = await context.Tools.GenerateKeyAsync(cancellationToken),
            BootstrapOsdKey = await context.Tools.GenerateKeyAsync(cancellationToken),
        };
        if (!await context.Facts.TryCreateAsync(facts, cancellationToken))
        {
            await RefuseExistingAsync(cancellationToken);
        }
        await context.Files.WriteAsync(facts, cancellationToken);
    }

    private async Task RefuseExistingAsync(CancellationToken cancellationToken)
    {
        if (await context.Facts.GetAsync(cancellationToken) is { } existing)
        {
            throw new ValidationException("network",
                $"Ceph is already initialized (fsid {existing.Fsid}, public network {existing.PublicNetwork}); nothing was changed");
        }
    }
}
