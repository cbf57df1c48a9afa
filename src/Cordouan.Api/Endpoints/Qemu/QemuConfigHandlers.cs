using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Qemu.Permissions;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Config;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Config read and write, pending changes, resize and feature checks.</summary>
public static class QemuConfigHandlers
{
    /// <summary>The declared permission of PUT/POST config: any config privilege; each key's own is checked by <see cref="VmAccessChecker"/>.</summary>
    private static readonly string[] ConfigPrivileges =
    [
        "VM.Config.Disk", "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.HWType", "VM.Config.Options", "VM.Config.Cloudinit",
    ];

    private static readonly HashSet<string> UpdateControl = ["node", "vmid", "delete", "revert", "digest", "skiplock", "force", "background_delay"];

    public static async Task<IResult> GetAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Boolean("current");
        var snapshot = request.Params.String("snapshot");
        request.Params.Validate();
        var vm = await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        var config = vm.Document.Config;
        if (snapshot is not null)
        {
            config = vm.Document.Snapshots.GetValueOrDefault(snapshot)?.Config ?? throw new NotFoundException($"snapshot '{snapshot}' does not exist");
        }
        var result = ConfigJson.ToJson(config);
        if (snapshot is null && vm.Document.Parent is not null)
        {
            result["parent"] = vm.Document.Parent;
        }
        if (vm.Document.Lock is not null)
        {
            result["lock"] = vm.Document.Lock;
        }
        result["digest"] = vm.Digest;
        return PveResult.Ok(result);
    }

    public static async Task<IResult> PutAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, StorageRegistry storages, IAccessGuard guard)
    {
        var (request, changes, deletes, digest, skipLock) = await ReadUpdateAsync(http, node, vmid, identity, vms, storages, guard);
        await vms.UpdateConfigAsync(request.VmId, changes, deletes, digest, skipLock, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>The asynchronous variant: a qmconfig task (Proxmox returns null when it finishes within background_delay; we always return the UPID).</summary>
    public static async Task<IResult> PostAsync(
        HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, StorageRegistry storages, TaskManager tasks, IAccessGuard guard)
    {
        var (request, changes, deletes, digest, skipLock) = await ReadUpdateAsync(http, node, vmid, identity, vms, storages, guard);
        var upid = await tasks.StartAsync("qmconfig", request.VmId.ToString(), request.Caller.Name, async ctx =>
        {
            ctx.Log($"update VM {request.VmId}: {string.Join(", ", changes.Keys.Concat(deletes.Select(d => "-" + d)))}");
            await vms.UpdateConfigAsync(request.VmId, changes, deletes, digest, skipLock, ctx.CancellationToken);
        }, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    private static async Task<(QemuRequest Request, Dictionary<string, string> Changes, List<string> Deletes, string? Digest, bool SkipLock)> ReadUpdateAsync(
        HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, StorageRegistry storages, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, ConfigPrivileges);
        var p = request.Params;
        var deletes = SplitList(p.String("delete")).Concat(SplitList(p.String("revert"))).Distinct().ToList();
        var digest = p.String("digest");
        var skipLock = p.Boolean("skiplock") ?? false;
        p.Boolean("force");
        p.Integer("background_delay", 1, 30);
        var changes = p.Parameters.Except(UpdateControl);
        p.Accept(changes.Keys);
        p.Validate();
        if (skipLock && !request.Caller.IsRoot)
        {
            throw new ValidationException("skiplock", "Only root may use this option.");
        }
        ConfigValidator.ValidateAll(changes);
        var current = (await vms.GetConfigAsync(request.VmId, http.RequestAborted)).Document;
        var checker = await VmAccessChecker.LoadAsync(guard, request.Caller, storages, http.RequestAborted);
        checker.CheckKeys(request.VmId, deletes);
        checker.CheckKeys(request.VmId, changes.Keys);
        await checker.CheckStorageAccessAsync(request.VmId, changes, defaultStorage: null, http.RequestAborted);
        checker.CheckCpuModel(changes.GetValueOrDefault("cpu"), current.Config.GetValueOrDefault("cpu"));
        checker.CheckUpdateValues(request.VmId, current.Config, changes, deletes);
        return (request, changes, deletes, digest, skipLock);
    }

    public static async Task<IResult> PendingAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        var vm = await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        var items = new JsonArray();
        foreach (var (key, value) in ConfigJson.ToJson(vm.Document.Config))
        {
            // Changes apply to the stored config at once, so no key has a pending value: only key and value (Telmate reads a third key as "reboot needed").
            items.Add(new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() });
        }
        items.Add(new JsonObject { ["key"] = "digest", ["value"] = vm.Digest });
        return PveResult.List(items);
    }

    public static async Task<IResult> ResizeAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, StorageRegistry storages, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Config.Disk");
        var disk = request.Params.RequiredString("disk");
        var size = request.Params.RequiredString("size");
        var digest = request.Params.String("digest");
        var skipLock = request.Params.Boolean("skiplock") ?? false;
        request.Params.Validate();
        // Proxmox: growing a disk takes space on its storage.
        var config = (await vms.GetConfigAsync(request.VmId, http.RequestAborted)).Document.Config;
        if (config.TryGetValue(disk, out var value) && VmConfigPermissions.IsDrive(disk)
            && VmAccessChecker.TryParseVolume(DriveValue.Parse(disk, value).File, out var volume))
        {
            var checker = await VmAccessChecker.LoadAsync(guard, request.Caller, storages, http.RequestAborted);
            checker.RequireAllocateSpace("disk", volume.Storage);
        }
        var upid = await vms.ResizeAsync(request.VmId, disk, size, digest, skipLock, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> FeatureAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        var feature = request.Params.Enum("feature", ["snapshot", "clone", "copy"], required: true);
        request.Params.String("snapname");
        request.Params.Validate();
        var vm = await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        // dir (qcow2) supports all three; a raw disk cannot be snapshotted or linked-cloned.
        var qcow2Only = vm.Document.Config.Where(c => Node.Config.DiskConfig.IsDiskKey(c.Key))
            .Select(c => Node.Config.DiskConfig.Parse(c.Key, c.Value))
            .Where(d => !d.IsCdrom && Core.Ids.VolumeId.TryParse(d.File, out _))
            .All(d => Core.Ids.VolumeId.TryParse(d.File, out var v) && v.Format == "qcow2");
        var has = feature == "copy" || qcow2Only;
        return PveResult.Ok(new JsonObject { ["hasFeature"] = has ? 1 : 0, ["nodes"] = new JsonArray(identity.NodeName) });
    }

    /// <summary>Proxmox config-id lists are separated by ',', ';' or whitespace.</summary>
    public static IEnumerable<string> SplitList(string? text) =>
        text is null ? [] : text.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
