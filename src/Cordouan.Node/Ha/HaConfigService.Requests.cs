using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

public sealed partial class HaConfigService
{
    /// <summary>
    /// <c>POST /cluster/ha/resources/{sid}/migrate|relocate</c>: records the request in the resource's HA state; the
    /// local manager of the node running the VM carries it out (a live migration, or stop-move-start), as Proxmox's
    /// managers do. Returns the normalized sid. The target must be a hypervisor of the cluster and, for a restricted
    /// group, one of its nodes.
    /// </summary>
    public async Task<string> RequestMoveAsync(string sid, string target, string request, CancellationToken cancellationToken)
    {
        var id = HaResourceDocument.SidOf(HaIds.ParseSid(sid).Value);
        var resource = await config.Resources.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"no such resource '{id}'");
        var node = (await cluster.ListNodesAsync(cancellationToken)).FirstOrDefault(n => n.Name == target)
            ?? throw new ValidationException("node", $"no such cluster node '{target}'");
        if (node.IsWitness)
        {
            throw new ValidationException("node", $"node '{target}' is a witness: it runs no VMs");
        }
        if (resource.Document.Group is { } groupName && await config.Groups.FindAsync(groupName, cancellationToken) is { Document.Restricted: true } group
            && group.Document.Nodes.All(n => n.Node != target))
        {
            throw new ValidationException("node", $"node '{target}' is not in the restricted group '{groupName}' of {id}");
        }
        if (resource.Document.State is not (HaStates.Started or HaStates.Stopped))
        {
            throw new ValidationException("sid", $"cannot {request} {id}: its requested state is '{resource.Document.State}' (HA acts only on started or stopped resources)");
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // A manager may write the state meanwhile: then it is read again.
            var service = await config.Services.FindAsync(id, cancellationToken);
            var next = (service?.Document ?? new HaServiceState { Sid = id }) with { Request = request, RequestedNode = target, Changed = time.GetUtcNow().ToUnixTimeSeconds() };
            if (await config.TryWriteServiceAsync(id, service, next, cancellationToken))
            {
                return id;
            }
        }
        throw new ConfigConflictException();
    }
}
