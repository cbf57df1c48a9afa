using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.CloudInit;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary><c>…/{vmid}/cloudinit</c>: the pending cloud-init changes, regeneration of the drive and a dump of the generated files.</summary>
public static class QemuCloudInitHandlers
{
    /// <summary>
    /// Each cloud-init key with <c>value</c> = what the drive was last written from and <c>pending</c> = the config's
    /// value when it differs (<c>delete: 1</c> when the key was removed), as Proxmox lists them.
    /// </summary>
    public static async Task<IResult> GetAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        var vm = (await vms.GetConfigAsync(request.VmId, http.RequestAborted)).Document;
        var written = vm.CloudInit ?? new Dictionary<string, string>();
        var items = new JsonArray();
        foreach (var key in vm.Config.Keys.Concat(written.Keys).Where(NoCloudGenerator.IsCloudInitKey).Distinct().Order(StringComparer.Ordinal))
        {
            var item = new JsonObject { ["key"] = key };
            var hasWritten = written.TryGetValue(key, out var old);
            var hasCurrent = vm.Config.TryGetValue(key, out var current);
            if (hasWritten)
            {
                item["value"] = ConfigJson.Typed(key, old!);
            }
            if (hasCurrent && (!hasWritten || old != current))
            {
                item["pending"] = ConfigJson.Typed(key, current!);
            }
            if (hasWritten && !hasCurrent)
            {
                item["delete"] = 1;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    /// <summary><c>PUT …/cloudinit</c>: writes the drive again from the current config → <c>null</c>.</summary>
    public static async Task<IResult> PutAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Config.Cloudinit");
        request.Params.Validate();
        await vms.RegenerateCloudInitAsync(request.VmId, http.RequestAborted);
        return PveResult.Ok(null);
    }

    /// <summary><c>GET …/cloudinit/dump?type=user|network|meta</c>: the file as generated from the current config.</summary>
    public static async Task<IResult> DumpAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        var type = request.Params.Enum("type", ["user", "network", "meta"], required: true);
        request.Params.Validate();
        var vm = (await vms.GetConfigAsync(request.VmId, http.RequestAborted)).Document;
        var seed = CloudInitDrives.Seed(vm.Id, vm.Config);
        return PveResult.Ok(type switch
        {
            "user" => seed.UserData,
            "network" => seed.NetworkConfig,
            _ => seed.MetaData,
        });
    }
}
