using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    /// <summary>Resolves every volume of the VM and refuses, before any copy, what an offline migration cannot move.</summary>
    private async Task<MigrationPlan> PlanAsync(VmDocument vm, MigrationRequest request, bool force, CancellationToken cancellationToken)
    {
        var localResources = MigrationVolumes.LocalResources(vm);
        if (localResources.Count > 0 && !force)
        {
            throw new VmStateException($"can't migrate VM which uses local devices: {string.Join(", ", localResources)}");
        }
        var copies = new List<VolumeCopy>();
        var shared = new List<VolumeId>();
        foreach (var reference in MigrationVolumes.Of(vm))
        {
            var volume = reference.Volume;
            var storage = await StorageOfAsync(reference, cancellationToken);
            var plugin = storages.PluginFor(storage);
            if (storage.Shared || plugin.Capabilities.Shared)
            {
                if (!MigrationTargets.IsAvailableOn(storage, request.Target))
                {
                    throw new ValidationException("target", $"storage '{storage.Id}' ({reference.Key}) is not available on node '{request.Target}'");
                }
                shared.Add(volume);
                continue;
            }
            if (reference.IsCdrom)
            {
                throw new VmStateException($"can't migrate local cdrom drive {reference.Key} ({volume}): eject it or put the image on a shared storage first");
            }
            VolumeInfo info;
            try
            {
                info = await plugin.InfoAsync(storage, volume.Name, cancellationToken);
            }
            catch (NotFoundException)
            {
                throw new VmStateException($"can't migrate {reference.Key}: volume '{volume}' does not exist on node '{node.NodeName}'");
            }
            if (info.Parent is { } parent)
            {
                throw new ValidationException(reference.Key,
                    $"'{volume}' is a linked clone of '{parent}': offline migration does not copy backing files yet, clone the VM full first");
            }
            var targetStorage = await TargetStorageAsync(request, storage.Id, cancellationToken);
            copies.Add(new VolumeCopy(reference, storage, plugin, new VolumeId(targetStorage.Id, volume.Name)));
        }
        if (vm.IsTemplate)
        {
            await EnsureNoLinkedClonesAsync(vm, copies, cancellationToken);
        }
        return new MigrationPlan(request.Target, copies, shared);
    }

    private async Task<StorageDefinition> StorageOfAsync(VolumeReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return await storages.GetAsync(reference.Volume.Storage, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new VmStateException($"can't migrate {reference.Key}: storage '{reference.Volume.Storage}' does not exist");
        }
    }

    private async Task<StorageDefinition> TargetStorageAsync(MigrationRequest request, string sourceStorage, CancellationToken cancellationToken)
    {
        var id = request.TargetStorage.Map(sourceStorage);
        StorageDefinition storage;
        try
        {
            storage = await storages.GetAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new ValidationException("targetstorage", $"storage '{id}' does not exist");
        }
        if (!MigrationTargets.IsAvailableOn(storage, request.Target) || !storage.Content.Contains("images"))
        {
            throw new ValidationException("targetstorage", $"storage '{id}' is not available for VM images on node '{request.Target}'");
        }
        return storage;
    }

    /// <summary>A template's base volumes move away from this node: linked clones here that use them would lose their backing file.</summary>
    private async Task EnsureNoLinkedClonesAsync(VmDocument template, List<VolumeCopy> copies, CancellationToken cancellationToken)
    {
        var bases = copies.Select(c => c.Source).ToHashSet();
        foreach (var other in await vms.ListAsync(cancellationToken))
        {
            if (other.Document.VmId == template.VmId || other.Document.Owner != node.NodeName)
            {
                continue;
            }
            // A dir linked clone's volume name starts with its base's name (Proxmox encoding: base/owner/leaf).
            var clone = MigrationVolumes.Of(other.Document).FirstOrDefault(r => bases.Any(b => b.Storage == r.Volume.Storage && r.Volume.Name.StartsWith(b.Name + "/", StringComparison.Ordinal)));
            if (clone is not null)
            {
                throw new VmStateException($"can't migrate template {template.VmId}: VM {other.Document.VmId} is a linked clone of it ({clone.Volume}); migrate or full-clone its linked clones first");
            }
        }
    }

    /// <summary>Storages the VM's volumes live on (each once), for the precheck's per-node availability.</summary>
    private async Task<IReadOnlyList<StorageDefinition>> UsedStoragesAsync(VmDocument vm, CancellationToken cancellationToken)
    {
        var result = new List<StorageDefinition>();
        foreach (var id in MigrationVolumes.Of(vm).Select(r => r.Volume.Storage).Distinct(StringComparer.Ordinal))
        {
            try
            {
                result.Add(await storages.GetAsync(id, cancellationToken));
            }
            catch (NotFoundException)
            {
                // A dangling reference; the migration itself names it.
            }
        }
        return result;
    }

    private async Task<IReadOnlyList<LocalDisk>> LocalDisksAsync(VmDocument vm, CancellationToken cancellationToken)
    {
        var result = new List<LocalDisk>();
        foreach (var reference in MigrationVolumes.Of(vm))
        {
            StorageDefinition storage;
            try
            {
                storage = await storages.GetAsync(reference.Volume.Storage, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue;
            }
            var plugin = storages.PluginFor(storage);
            if (storage.Shared || plugin.Capabilities.Shared)
            {
                continue;
            }
            long size;
            try
            {
                size = (await plugin.InfoAsync(storage, reference.Volume.Name, cancellationToken)).SizeBytes;
            }
            catch (NotFoundException)
            {
                size = 0;
            }
            result.Add(new LocalDisk(reference.Volume, size, reference.IsCdrom, reference.IsUnused));
        }
        return result;
    }
}
