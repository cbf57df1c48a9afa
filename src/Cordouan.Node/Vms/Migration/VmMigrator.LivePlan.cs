using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Vms.Migration.Live;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    /// <summary>
    /// Checks what a live migration cannot carry, before anything starts: attached local disks need
    /// <c>with-local-disks</c> (they are mirrored); unused local volumes, local snapshots and local CD-ROM images are refused.
    /// </summary>
    private async Task<LivePlan> PlanLiveAsync(VmDocument vm, MigrationRequest request, bool force, CancellationToken cancellationToken)
    {
        var localResources = MigrationVolumes.LocalResources(vm);
        if (localResources.Count > 0 && !force)
        {
            throw new VmStateException($"can't migrate VM which uses local devices: {string.Join(", ", localResources)}");
        }
        if (await driver.GetAsync(vm.Id, cancellationToken) is { State: not VmRunState.Running } runtime)
        {
            throw new VmStateException($"VM {vm.Id} is {runtime.State.ToString().ToLowerInvariant()}: resume it before a live migration");
        }
        var mirrors = new List<LiveMirror>();
        var shared = new List<VolumeId>();
        foreach (var reference in MigrationVolumes.Of(vm))
        {
            var storage = await StorageOfAsync(reference, cancellationToken);
            var plugin = storages.PluginFor(storage);
            if (storage.Shared || plugin.Capabilities.Shared)
            {
                if (!MigrationTargets.IsAvailableOn(storage, request.Target))
                {
                    throw new ValidationException("target", $"storage '{storage.Id}' ({reference.Key}) is not available on node '{request.Target}'");
                }
                shared.Add(reference.Volume);
                continue;
            }
            mirrors.Add(await PlanMirrorAsync(vm, reference, storage, plugin, request, cancellationToken));
        }
        if (mirrors.Count > 0 && !request.WithLocalDisks)
        {
            throw new ValidationException("with-local-disks",
                $"can't live migrate attached local disks without with-local-disks option ({string.Join(", ", mirrors.Select(m => m.Copy.Source))})");
        }
        var settings = new MigrationSettings(request.MaxDowntime, (request.BandwidthLimitKiBps ?? 0) * 1024, request.AutoConverge, request.AllowPostcopy);
        return new LivePlan(new MigrationPlan(request.Target, [.. mirrors.Select(m => m.Copy)], shared), mirrors, settings);
    }

    private async Task<LiveMirror> PlanMirrorAsync(
        VmDocument vm, VolumeReference reference, StorageDefinition storage, IStoragePlugin plugin, MigrationRequest request, CancellationToken cancellationToken)
    {
        var volume = reference.Volume;
        if (reference.IsCdrom)
        {
            throw new VmStateException($"can't migrate local cdrom drive {reference.Key} ({volume}): eject it or put the image on a shared storage first");
        }
        if (reference.IsUnused || reference.OnlyInSnapshots)
        {
            throw new VmStateException($"can't live migrate local volume '{volume}' ({reference.Key}): it is not attached; delete it or migrate the VM offline");
        }
        if (vm.Snapshots.Count > 0)
        {
            throw new VmStateException($"can't live migrate VM {vm.Id} with snapshots on local disk '{volume}': delete the snapshots or migrate offline");
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
        var targetStorage = await TargetStorageAsync(request, storage.Id, cancellationToken);
        // A mirror writes the whole disk as the guest sees it: the target is a standalone volume of the same format.
        var format = info.Format is "raw" or "qcow2" ? info.Format : "qcow2";
        // A linked clone's name carries its base (base/owner/leaf); its full copy on the target is just owner/leaf.
        var segments = volume.Name.Split('/');
        var name = segments.Length > 2 ? $"{segments[^2]}/{segments[^1]}" : volume.Name;
        var target = new VolumeId(targetStorage.Id, name);
        return new LiveMirror(new VolumeCopy(reference, storage, plugin, target), info.SizeBytes, format);
    }
}
