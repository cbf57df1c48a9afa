using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Tasks;
using Cordouan.Node.Config;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>Converts a stopped VM into a template: its disks become read-only bases that linked clones share.</summary>
    public async Task<Upid> ConvertToTemplateAsync(VmId id, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock: false);
        if (vm.Document.IsTemplate)
        {
            throw new VmStateException($"VM {id} is already a template");
        }
        if (await driver.GetAsync(id, cancellationToken) is not null)
        {
            throw new VmStateException($"you can't convert a running VM to a template (VM {id} is running)");
        }
        return await StartVmTaskAsync(id, "qmtemplate", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var current = await vms.GetOwnedAsync(id, ct);
            var config = new Dictionary<string, string>(current.Document.Config, StringComparer.Ordinal);
            foreach (var disk in SnapshottableDisks(current.Document.Config))
            {
                var (storage, plugin, volume) = await ResolveAsync(disk, ct);
                var baseName = await plugin.CreateBaseAsync(storage, volume.Name, ct);
                ctx.Log($"converted {disk.Key} {volume} to base volume {storage.Id}:{baseName}");
                config[disk.Key] = disk.WithFile($"{storage.Id}:{baseName}").ToString();
            }
            config["template"] = "1";
            await vms.UpdateAsync(current, current.Document with { Config = config }, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Clones a VM. Templates clone linked by default and take no lock on the source, so many clones of one template
    /// run in parallel; a regular VM is always cloned full and is locked while its disks are copied.
    /// </summary>
    public async Task<Upid> CloneAsync(VmId sourceId, VmId newId, CloneRequest request, string user, CancellationToken cancellationToken)
    {
        // Four independent etcd reads, sent together rather than one after the other (each is a round trip that every
        // clone waits for); the checks below still run in the same order, and the create is still a compare-and-swap.
        var sourceRead = vms.GetOwnedAsync(sourceId, cancellationToken);
        var placementRead = maintenance.PlacementRefusalAsync(cancellationToken);
        var macsRead = UsedMacsAsync(null, [], cancellationToken);
        var existingRead = vms.FindAsync(newId, cancellationToken);
        await Task.WhenAll(sourceRead, placementRead, macsRead, existingRead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var source = await sourceRead;
        if (await placementRead is { } refusal)
        {
            throw new ValidationException("target", $"can't clone VM {sourceId} to this node: {refusal}");
        }
        var full = request.Full ?? !source.Document.IsTemplate;
        if (!full && !source.Document.IsTemplate)
        {
            throw new VmStateException("Linked clone feature is not supported for this VM: it is not a template");
        }
        if (request.Snapshot is not null && !source.Document.Snapshots.ContainsKey(request.Snapshot))
        {
            throw new NotFoundException($"snapshot '{request.Snapshot}' does not exist");
        }
        if (request.Snapshot is null && !source.Document.IsTemplate && await driver.GetAsync(sourceId, cancellationToken) is not null)
        {
            throw new VmStateException($"VM {sourceId} is running - cloning a running VM needs a snapshot (snapname) or a stopped VM");
        }
        var sourceConfig = request.Snapshot is null ? source.Document.Config : source.Document.Snapshots[request.Snapshot].Config;
        var config = NewCloneConfig(sourceConfig, newId, request, await macsRead);
        var placeholder = new VmDocument { VmId = newId.Value, Owner = NodeName, Config = config, Lock = "clone" };
        if (await existingRead is { } existing)
        {
            throw new AlreadyExistsException($"unable to create VM {newId} - VM {newId} already exists on node '{existing.Document.Owner}'");
        }
        var sourceHeld = source.Document.IsTemplate ? null : operations.Enter(sourceId, "clone");
        try
        {
            if (!await vms.TryCreateAsync(placeholder, cancellationToken))
            {
                throw new AlreadyExistsException($"unable to create VM {newId}: config file already exists");
            }
            return await tasks.StartAsync("qmclone", sourceId.ToString(), user, async ctx =>
            {
                using (sourceHeld)
                {
                    await RunCloneAsync(newId, config, full, request, ctx);
                }
            }, cancellationToken);
        }
        catch
        {
            sourceHeld?.Dispose();
            throw;
        }
    }

    private async Task RunCloneAsync(VmId newId, Dictionary<string, string> config, bool full, CloneRequest request, Tasks.TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        await using var reverter = new Reverter();
        reverter.Push(async () =>
        {
            var current = await vms.FindAsync(newId, CancellationToken.None);
            if (current is not null && current.Document.Lock == "clone")
            {
                await vms.DeleteAsync(current, CancellationToken.None);
            }
        });
        foreach (var disk in SnapshottableDisks(config).ToList())
        {
            var (storage, plugin, volume) = await ResolveAsync(disk, ct);
            if (request.Storage is not null && request.Storage != storage.Id)
            {
                throw new ValidationException("storage", $"cloning to another storage than '{storage.Id}' is not supported yet");
            }
            VolumeInfo created;
            if (full)
            {
                ctx.Log($"full clone of {disk.Key} ({volume})");
                created = await plugin.CloneFullAsync(storage, volume.Name, request.Snapshot, newId, request.Format ?? volume.Format, ct);
            }
            else
            {
                ctx.Log($"linked clone of {disk.Key} ({volume})");
                created = await plugin.CloneLinkedAsync(storage, volume.Name, newId, ct);
            }
            reverter.Push(() => plugin.FreeAsync(storage, created.Id.Name, CancellationToken.None));
            config[disk.Key] = disk.WithFile(created.Id.ToString()).WithOption("size", Sizes.Format(created.SizeBytes)).ToString();
        }
        await vms.MutateAsync(newId, doc => doc with { Config = config, Lock = null }, ct);
        reverter.Commit();
        ctx.Log($"VM {newId} created as a {(full ? "full" : "linked")} clone");
    }

    private Dictionary<string, string> NewCloneConfig(IReadOnlyDictionary<string, string> source, VmId newId, CloneRequest request, Dictionary<string, string> usedMacs)
    {
        var config = source
            .Where(c => c.Key != "template" && !c.Key.StartsWith("unused", StringComparison.Ordinal) && c.Key is not ("vmgenid" or "meta" or "smbios1"))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        config["name"] = request.Name ?? $"Copy-of-VM-{source.GetValueOrDefault("name") ?? newId.ToString()}";
        if (request.Description is not null)
        {
            config["description"] = request.Description;
        }
        foreach (var key in config.Keys.Where(k => NetConfig.TryParseKey(k, out _)).ToList())
        {
            config[key] = NetConfig.Parse(key, config[key]).WithMac(UniqueMac(usedMacs, newId, key)).ToString();
        }
        FillGeneratedKeys(config);
        return config;
    }
}
