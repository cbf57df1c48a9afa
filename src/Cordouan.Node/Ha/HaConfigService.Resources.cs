using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

public sealed partial class HaConfigService
{
    public async Task<IReadOnlyList<VersionedDocument<HaResourceDocument>>> ListResourcesAsync(CancellationToken cancellationToken) =>
        Sorted(await config.Resources.ListAsync(cancellationToken));

    /// <summary>One resource by its id (<c>vm:100</c> or <c>100</c>); missing → Proxmox's <c>no such resource</c>.</summary>
    public async Task<VersionedDocument<HaResourceDocument>> GetResourceAsync(string sid, CancellationToken cancellationToken)
    {
        var id = HaResourceDocument.SidOf(HaIds.ParseSid(sid).Value);
        return await config.Resources.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"no such resource '{id}'");
    }

    /// <summary>
    /// Puts a VM under HA: it must exist, not be a template and boot only from shared storage (else it could not be
    /// recovered elsewhere); the group, when given, must exist.
    /// </summary>
    public async Task<HaResourceDocument> CreateResourceAsync(string sid, HaResourceChange settings, CancellationToken cancellationToken)
    {
        var vmId = HaIds.ParseSid(sid);
        settings.Validate();
        var id = HaResourceDocument.SidOf(vmId.Value);
        var vm = await vms.FindAsync(vmId, cancellationToken) ?? throw new NotFoundException($"resource '{id}' does not exist in cluster");
        if (vm.Document.IsTemplate)
        {
            throw new ValidationException("sid", $"VM {vmId} is a template: a template cannot be HA-managed");
        }
        var shared = (await storages.ListAsync(cancellationToken)).ToDictionary(s => s.Id, storages.IsShared, StringComparer.Ordinal);
        var problems = HaSharedStorage.Problems(vm.Document, shared);
        if (problems.Count > 0)
        {
            throw new ValidationException("sid", HaSharedStorage.Refusal(problems));
        }
        await EnsureGroupExistsAsync(settings.Group, cancellationToken);
        var document = settings.ApplyTo(new HaResourceDocument { Sid = id, VmId = vmId.Value });
        if (!await config.Resources.TryCreateAsync(id, document, cancellationToken))
        {
            throw new AlreadyExistsException($"resource ID '{id}' already defined");
        }
        return document;
    }

    /// <summary>Changes and resets options; a <paramref name="digest"/> other than the current one is refused, as is a lost compare-and-swap.</summary>
    public async Task<HaResourceDocument> UpdateResourceAsync(string sid, HaResourceChange change, string? digest, CancellationToken cancellationToken)
    {
        var id = HaResourceDocument.SidOf(HaIds.ParseSid(sid).Value);
        change.Validate();
        await EnsureGroupExistsAsync(change.Group, cancellationToken);
        var current = await config.Resources.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"no such resource '{id}'");
        EnsureDigest(current, digest);
        var next = change.ApplyTo(current.Document);
        await config.Resources.UpdateAsync(current, next, cancellationToken);
        return next;
    }

    /// <summary>Takes a VM out of HA (the VM itself is left as it is).</summary>
    public async Task DeleteResourceAsync(string sid, CancellationToken cancellationToken)
    {
        var id = HaResourceDocument.SidOf(HaIds.ParseSid(sid).Value);
        var current = await config.Resources.FindAsync(id, cancellationToken)
            ?? throw new NotFoundException($"cannot delete service '{id}', not HA managed!");
        if (!await config.Resources.TryDeleteAsync(current, cancellationToken))
        {
            throw new ConfigConflictException();
        }
    }

    /// <summary>
    /// Proxmox checks the group outside its config lock too: a group deleted right after this check leaves a dangling
    /// reference, which listings report (<c>errors.group</c>) as Proxmox does.
    /// </summary>
    private async Task EnsureGroupExistsAsync(string? group, CancellationToken cancellationToken)
    {
        if (group is not null && await config.Groups.FindAsync(group, cancellationToken) is null)
        {
            throw new NotFoundException($"HA group '{group}' does not exist");
        }
    }

    private static void EnsureDigest<T>(VersionedDocument<T> current, string? digest)
    {
        if (digest is not null && !string.Equals(digest, current.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigConflictException();
        }
    }
}
