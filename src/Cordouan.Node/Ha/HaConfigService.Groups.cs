using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

public sealed partial class HaConfigService
{
    public async Task<IReadOnlyList<VersionedDocument<HaGroupDocument>>> ListGroupsAsync(CancellationToken cancellationToken) =>
        Sorted(await config.Groups.ListAsync(cancellationToken));

    public async Task<VersionedDocument<HaGroupDocument>> GetGroupAsync(string name, CancellationToken cancellationToken)
    {
        HaIds.EnsureValidGroupName(name);
        return await config.Groups.FindAsync(name, cancellationToken) ?? throw new NotFoundException($"no such ha group '{name}'");
    }

    /// <summary>Adds a group; every member must be a cluster node that can run VMs.</summary>
    public async Task<HaGroupDocument> CreateGroupAsync(string name, HaGroupChange settings, CancellationToken cancellationToken)
    {
        HaIds.EnsureValidGroupName(name);
        if (settings.Nodes is null)
        {
            throw new ValidationException("nodes", "property is missing and it is not optional");
        }
        var members = settings.Validate()!;
        await EnsureClusterNodesAsync(members, cancellationToken);
        var document = settings.ApplyTo(new HaGroupDocument { Name = name }, members);
        if (!await config.Groups.TryCreateAsync(name, document, cancellationToken))
        {
            throw new AlreadyExistsException($"ha group ID '{name}' already defined");
        }
        return document;
    }

    /// <summary>Changes and resets options; a stale <paramref name="digest"/> or a lost compare-and-swap is refused.</summary>
    public async Task<HaGroupDocument> UpdateGroupAsync(string name, HaGroupChange change, string? digest, CancellationToken cancellationToken)
    {
        HaIds.EnsureValidGroupName(name);
        var members = change.Validate();
        if (members is not null)
        {
            await EnsureClusterNodesAsync(members, cancellationToken);
        }
        var current = await config.Groups.FindAsync(name, cancellationToken) ?? throw new NotFoundException($"no such ha group '{name}'");
        EnsureDigest(current, digest);
        var next = change.ApplyTo(current.Document, members);
        await config.Groups.UpdateAsync(current, next, cancellationToken);
        return next;
    }

    /// <summary>Refused while a resource names the group, so no resource is left pointing at a group that is gone.</summary>
    public async Task DeleteGroupAsync(string name, CancellationToken cancellationToken)
    {
        HaIds.EnsureValidGroupName(name);
        var current = await config.Groups.FindAsync(name, cancellationToken) ?? throw new NotFoundException($"no such ha group '{name}'");
        var user = (await ListResourcesAsync(cancellationToken)).FirstOrDefault(r => r.Document.Group == name);
        if (user is not null)
        {
            throw new InUseException($"ha group '{name}' is used by resource '{user.Document.Sid}'");
        }
        if (!await config.Groups.TryDeleteAsync(current, cancellationToken))
        {
            throw new ConfigConflictException();
        }
    }

    /// <summary>A member must be a node of this cluster, and not a witness (witnesses run no VMs).</summary>
    private async Task EnsureClusterNodesAsync(IReadOnlyList<HaGroupNode> members, CancellationToken cancellationToken)
    {
        var nodes = (await cluster.ListNodesAsync(cancellationToken)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!nodes.TryGetValue(member.Node, out var node))
            {
                throw new ValidationException("nodes", $"no such cluster node '{member.Node}'");
            }
            if (node.IsWitness)
            {
                throw new ValidationException("nodes", $"node '{member.Node}' is a witness: it runs no VMs");
            }
        }
    }
}
