using System.Globalization;
using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.CloudInit;
using Cordouan.Node.Config;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>Validates a create request, records the VM with <c>lock: create</c> and runs the rest (disks, optional start) as a qmcreate task.</summary>
    public async Task<Upid> CreateAsync(VmId id, IReadOnlyDictionary<string, string> requested, bool start, string user, CancellationToken cancellationToken)
    {
        if (options.Witness)
        {
            throw new ValidationException("node", $"node '{NodeName}' is a witness: it only votes and runs no VMs; create the VM on another node");
        }
        await EnsurePlacementAllowedAsync(reason => new ValidationException("node", reason), cancellationToken);
        var config = ConfigValidator.ValidateAll(requested);
        CloudInitPassword.Protect(config, config.GetValueOrDefault("ostype"));
        await CheckNicsAsync(id, config, current: null, cancellationToken);
        await ValidateDisksAsync(config, cancellationToken);
        var existing = await vms.FindAsync(id, cancellationToken);
        if (existing is not null)
        {
            throw new AlreadyExistsException($"unable to create VM {id} - VM {id} already exists on node '{existing.Document.Owner}'");
        }
        var placeholder = new VmDocument { VmId = id.Value, Owner = NodeName, Config = config, Lock = "create" };
        if (!await vms.TryCreateAsync(placeholder, cancellationToken))
        {
            throw new AlreadyExistsException($"unable to create VM {id}: config file already exists");
        }
        try
        {
            return await StartVmTaskAsync(id, "qmcreate", user, ctx => RunCreateAsync(id, config, start, ctx), cancellationToken);
        }
        catch
        {
            var current = await vms.FindAsync(id, CancellationToken.None);
            if (current is not null)
            {
                await vms.DeleteAsync(current, CancellationToken.None);
            }
            throw;
        }
    }

    private async Task RunCreateAsync(VmId id, IReadOnlyDictionary<string, string> requested, bool start, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        await using var reverter = new Reverter();
        reverter.Push(async () =>
        {
            var current = await vms.FindAsync(id, CancellationToken.None);
            if (current is not null && current.Document.Lock == "create")
            {
                await vms.DeleteAsync(current, CancellationToken.None);
            }
        });
        var config = new Dictionary<string, string>(requested, StringComparer.Ordinal);
        foreach (var key in config.Keys.Where(DiskConfig.IsDiskKey).Order(StringComparer.Ordinal).ToList())
        {
            config[key] = await MaterializeDiskAsync(id, DiskConfig.Parse(key, config[key]), reverter, ctx);
        }
        FillGeneratedKeys(config);
        await vms.MutateAsync(id, doc => doc with { Config = config, Lock = null }, ct);
        reverter.Commit();
        LogVmCreated(logger, id, NodeName);
        if (start)
        {
            var vm = await vms.GetOwnedAsync(id, ct);
            await StartProcessAsync(vm.Document, ctx);
        }
    }

    /// <summary>
    /// Refuses, before the task starts (400 on the disk key), what would only fail inside it: a storage that does not
    /// exist, a size that is not a positive number, an existing volume or an <c>import-from</c> source (volume or file)
    /// that is not there. API clients and the web UI's wizard then see a field error rather than a failed task.
    /// </summary>
    private async Task ValidateDisksAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config.Where(e => DiskConfig.IsDiskKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var error = await DiskErrorAsync(DiskConfig.Parse(key, value), cancellationToken);
            if (error is not null)
            {
                errors[key] = error;
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private async Task<string?> DiskErrorAsync(DiskConfig disk, CancellationToken cancellationToken)
    {
        if (disk.File is "none" or "cdrom")
        {
            return null;
        }
        if (!VolumeId.TryParse(disk.File, out var volume))
        {
            return $"invalid format - unable to parse volume ID '{disk.File}'";
        }
        if (await FindStorageAsync(volume.Storage, cancellationToken) is not { } storage)
        {
            return $"storage '{volume.Storage}' does not exist";
        }
        var importing = disk.Options.TryGetValue("import-from", out var source);
        if (CloudInit.CloudInitDrives.IsRequest(disk))
        {
            return null;
        }
        if (decimal.TryParse(volume.Name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var gib))
        {
            if (gib <= 0 && !importing)
            {
                return "disk size must be greater than 0";
            }
        }
        else if (importing)
        {
            return $"import-from needs a new disk ('{volume.Storage}:0'), not the volume '{disk.File}'";
        }
        else if (!await VolumeExistsAsync(storage, volume.Name, cancellationToken))
        {
            return $"volume '{disk.File}' does not exist";
        }
        if (!importing)
        {
            return null;
        }
        if (VolumeId.TryParse(source, out var sourceVolume))
        {
            return await FindStorageAsync(sourceVolume.Storage, cancellationToken) is { } sourceStorage && await VolumeExistsAsync(sourceStorage, sourceVolume.Name, cancellationToken)
                ? null
                : $"import-from: '{source}' does not exist";
        }
        return Path.IsPathRooted(source) && File.Exists(source) ? null : $"import-from: '{source}' does not exist";
    }

    private async Task<Core.Storage.StorageDefinition?> FindStorageAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await storages.GetAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task<bool> VolumeExistsAsync(Core.Storage.StorageDefinition storage, string name, CancellationToken cancellationToken)
    {
        try
        {
            await storages.PluginFor(storage).InfoAsync(storage, name, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NotFoundException or ValidationException)
        {
            return false;
        }
    }

    /// <summary>Adds what Proxmox generates on create: MACs, SMBIOS uuid, vmgenid, creation meta.</summary>
    private void FillGeneratedKeys(Dictionary<string, string> config)
    {
        foreach (var key in config.Keys.Where(k => NetConfig.TryParseKey(k, out _)).ToList())
        {
            var nic = NetConfig.Parse(key, config[key]);
            if (nic.MacAddress is null)
            {
                config[key] = nic.WithMac(MacAddresses.Generate()).ToString();
            }
        }
        config.TryAdd("smbios1", $"uuid={Guid.NewGuid()}");
        config.TryAdd("vmgenid", Guid.NewGuid().ToString());
        config["meta"] = $"creation-qemu=cordouan,ctime={time.GetUtcNow().ToUnixTimeSeconds()}";
    }

    /// <summary>
    /// Turns a requested disk (<c>local:4</c> = allocate 4 GiB, <c>local:0,import-from=…</c>, an existing volume, an empty CD-ROM)
    /// into the stored form: the volume id first, then options with <c>size=</c>.
    /// </summary>
    private async Task<string> MaterializeDiskAsync(VmId id, DiskConfig disk, Reverter reverter, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        if (disk.File is "none" or "cdrom")
        {
            return disk.ToString();
        }
        if (!VolumeId.TryParse(disk.File, out var volume))
        {
            throw new ValidationException(disk.Key, $"invalid format - unable to parse volume ID '{disk.File}'");
        }
        if (CloudInit.CloudInitDrives.IsRequest(disk))
        {
            var drive = await cloudInit.AllocateAsync(id, disk, ct);
            ctx.Log($"{disk.Key}: cloud-init drive {drive.File}");
            return drive.ToString();
        }
        var storage = await storages.GetAsync(volume.Storage, ct);
        var plugin = storages.PluginFor(storage);
        // The storage's first format is its natural one (dir: qcow2, rbd: raw).
        var format = disk.Options.GetValueOrDefault("format") ?? storage.Format ?? plugin.Capabilities.Formats[0];
        Core.Storage.VolumeInfo created;
        if (disk.Options.TryGetValue("import-from", out var source))
        {
            var path = VolumeId.TryParse(source, out var sourceVolume)
                ? storages.PluginFor(await storages.GetAsync(sourceVolume.Storage, ct)).PathOf(await storages.GetAsync(sourceVolume.Storage, ct), sourceVolume.Name)
                : source;
            if (!Path.IsPathRooted(path) || !File.Exists(path))
            {
                throw new ValidationException(disk.Key, $"import-from: '{source}' does not exist");
            }
            ctx.Log($"importing {source} to {volume.Storage} as {format}");
            created = await plugin.ImportAsync(storage, id, path, format, ct);
        }
        else if (decimal.TryParse(volume.Name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var gib))
        {
            var bytes = (long)Math.Ceiling(gib * 1024 * 1024 * 1024 / 4096) * 4096;
            if (bytes <= 0)
            {
                throw new ValidationException(disk.Key, "disk size must be greater than 0");
            }
            ctx.Log($"allocating {Core.Storage.Sizes.Format(bytes)} disk for {disk.Key} on storage '{storage.Id}' ({format})");
            created = await plugin.AllocateAsync(storage, id, bytes, format, ct);
        }
        else
        {
            var info = await plugin.InfoAsync(storage, volume.Name, ct);
            return disk.WithOption("size", Core.Storage.Sizes.Format(info.SizeBytes)).ToString();
        }
        reverter.Push(() => plugin.FreeAsync(storage, created.Id.Name, CancellationToken.None));
        return disk.WithFile(created.Id.ToString())
            .WithOption("import-from", null)
            .WithOption("format", null)
            .WithOption("size", Core.Storage.Sizes.Format(created.SizeBytes))
            .ToString();
    }
}
