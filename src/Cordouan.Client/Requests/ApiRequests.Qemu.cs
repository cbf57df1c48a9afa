using System.Text.Json;
using Cordouan.Contracts.Qemu;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /nodes/{node}/qemu</c>.</summary>
    public static ApiRequest<IReadOnlyList<VmListItem>> ListVms(string node) => Get($"nodes/{Segment(node)}/qemu", Json.IReadOnlyListVmListItem);

    /// <summary><c>POST /nodes/{node}/qemu</c> with <c>vmid</c> and config keys → UPID.</summary>
    public static ApiRequest<string> CreateVm(string node, int vmid, IEnumerable<KeyValuePair<string, string>> config) =>
        Post($"nodes/{Segment(node)}/qemu", Json.String, new RequestParameters().Add("vmid", vmid).AddRange(config));

    /// <summary><c>GET …/{vmid}/config</c>: a map whose keys vary, including <c>digest</c>.</summary>
    public static ApiRequest<IReadOnlyDictionary<string, JsonElement>> VmConfig(string node, int vmid, bool? current = null) =>
        Get(Vm(node, vmid) + "/config", Json.IReadOnlyDictionaryStringJsonElement, new RequestParameters().Add("current", current));

    /// <summary><c>PUT …/{vmid}/config</c> (synchronous, data <c>null</c>); <paramref name="delete"/> lists keys to remove.</summary>
    public static ApiRequest<JsonElement> UpdateVmConfig(
        string node, int vmid, IEnumerable<KeyValuePair<string, string>> config, IEnumerable<string>? delete = null, string? digest = null)
    {
        var keys = delete?.ToArray() ?? [];
        return Put(Vm(node, vmid) + "/config", Json.JsonElement, new RequestParameters()
            .AddRange(config)
            .Add("delete", keys.Length == 0 ? null : string.Join(',', keys))
            .Add("digest", digest));
    }

    /// <summary><c>GET …/{vmid}/status/current</c>.</summary>
    public static ApiRequest<VmStatus> VmStatus(string node, int vmid) => Get(Vm(node, vmid) + "/status/current", Json.VmStatus);

    /// <summary><c>POST …/{vmid}/status/{action}</c> → UPID.</summary>
    public static ApiRequest<string> VmPower(string node, int vmid, VmPowerAction action, IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        Post($"{Vm(node, vmid)}/status/{action.ToString().ToLowerInvariant()}", Json.String, new RequestParameters().AddRange(parameters));

    /// <summary><c>POST …/{vmid}/clone</c> → UPID.</summary>
    public static ApiRequest<string> CloneVm(string node, int vmid, int newId, VmCloneOptions? options = null)
    {
        options ??= new VmCloneOptions();
        return Post(Vm(node, vmid) + "/clone", Json.String, new RequestParameters()
            .Add("newid", newId)
            .Add("name", options.Name)
            .Add("description", options.Description)
            .Add("full", options.Full)
            .Add("storage", options.Storage)
            .Add("target", options.Target)
            .Add("format", options.Format)
            .Add("pool", options.Pool)
            .Add("snapname", options.SnapName));
    }

    /// <summary><c>POST …/{vmid}/template</c> → UPID.</summary>
    public static ApiRequest<string> ConvertToTemplate(string node, int vmid) => Post(Vm(node, vmid) + "/template", Json.String);

    /// <summary><c>PUT …/{vmid}/resize</c> with <c>disk</c> and <c>size</c> (<c>+2G</c> grows by, <c>40G</c> absolute) → UPID.</summary>
    public static ApiRequest<string> ResizeVmDisk(string node, int vmid, string disk, string size) =>
        Put(Vm(node, vmid) + "/resize", Json.String, new RequestParameters().Add("disk", disk).Add("size", size));

    /// <summary><c>POST …/{vmid}/move_disk</c> to <paramref name="storage"/> (old volume kept as unusedN unless <paramref name="delete"/>) → UPID.</summary>
    public static ApiRequest<string> MoveVmDisk(string node, int vmid, string disk, string storage, string? format, bool delete, long? bwlimitKiBps) =>
        Post(Vm(node, vmid) + "/move_disk", Json.String, new RequestParameters()
            .Add("disk", disk).Add("storage", storage).Add("format", format).Add("delete", delete ? true : null).Add("bwlimit", bwlimitKiBps));

    /// <summary><c>DELETE /nodes/{node}/qemu/{vmid}</c> → UPID.</summary>
    public static ApiRequest<string> DeleteVm(string node, int vmid, bool purge = false) =>
        Delete(Vm(node, vmid), Json.String, new RequestParameters().Add("purge", purge ? true : null));

    /// <summary><c>GET …/{vmid}/snapshot</c>; the last item is the <c>current</c> pseudo-snapshot.</summary>
    public static ApiRequest<IReadOnlyList<SnapshotItem>> ListSnapshots(string node, int vmid) =>
        Get(Vm(node, vmid) + "/snapshot", Json.IReadOnlyListSnapshotItem);

    /// <summary><c>POST …/{vmid}/snapshot</c> → UPID.</summary>
    public static ApiRequest<string> CreateSnapshot(string node, int vmid, string name, string? description = null, bool? vmState = null) =>
        Post(Vm(node, vmid) + "/snapshot", Json.String, new RequestParameters()
            .Add("snapname", name)
            .Add("description", description)
            .Add("vmstate", vmState));

    /// <summary><c>POST …/snapshot/{name}/rollback</c> → UPID.</summary>
    public static ApiRequest<string> RollbackSnapshot(string node, int vmid, string name, bool? start = null) =>
        Post($"{Vm(node, vmid)}/snapshot/{Segment(name)}/rollback", Json.String, new RequestParameters().Add("start", start));

    /// <summary><c>DELETE …/snapshot/{name}</c> → UPID.</summary>
    public static ApiRequest<string> DeleteSnapshot(string node, int vmid, string name, bool? force = null) =>
        Delete($"{Vm(node, vmid)}/snapshot/{Segment(name)}", Json.String, new RequestParameters().Add("force", force));

    /// <summary>Path of the Cordouan serial-console WebSocket (upgrade of a GET).</summary>
    public static string SerialWebSocketPath(string node, int vmid) => Vm(node, vmid) + "/serialwebsocket";

    private static string Vm(string node, int vmid) => $"nodes/{Segment(node)}/qemu/{Segment(vmid)}";
}
