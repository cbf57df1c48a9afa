using System.Text.Json;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Qemu;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /nodes/{node}/qemu</c>.</summary>
    public Task<IReadOnlyList<VmListItem>> ListVmsAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ListVms(node), cancellationToken);

    /// <summary><c>POST /nodes/{node}/qemu</c> → UPID of the <c>qmcreate</c> task.</summary>
    public Task<string> CreateVmAsync(string node, int vmid, IEnumerable<KeyValuePair<string, string>> config, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CreateVm(node, vmid, config), cancellationToken);

    /// <summary><c>GET …/{vmid}/config</c>: every key PVE returns, including <c>digest</c>.</summary>
    public Task<IReadOnlyDictionary<string, JsonElement>> GetVmConfigAsync(string node, int vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.VmConfig(node, vmid), cancellationToken);

    /// <summary><c>PUT …/{vmid}/config</c>: sets keys, deletes <paramref name="delete"/>, refuses a stale <paramref name="digest"/>.</summary>
    public Task UpdateVmConfigAsync(
        string node, int vmid, IEnumerable<KeyValuePair<string, string>> config, IEnumerable<string>? delete, string? digest, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.UpdateVmConfig(node, vmid, config, delete, digest), cancellationToken);

    /// <summary><c>GET …/{vmid}/status/current</c>.</summary>
    public Task<VmStatus> GetVmStatusAsync(string node, int vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.VmStatus(node, vmid), cancellationToken);

    /// <summary><c>POST …/{vmid}/status/{action}</c> → UPID.</summary>
    public Task<string> ChangeVmPowerAsync(
        string node, int vmid, VmPowerAction action, IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.VmPower(node, vmid, action, parameters), cancellationToken);

    /// <summary><c>POST …/status/start</c> → UPID.</summary>
    public Task<string> StartVmAsync(string node, int vmid, CancellationToken cancellationToken) =>
        ChangeVmPowerAsync(node, vmid, VmPowerAction.Start, null, cancellationToken);

    /// <summary><c>POST …/status/stop</c> (hard stop) → UPID.</summary>
    public Task<string> StopVmAsync(string node, int vmid, CancellationToken cancellationToken) =>
        ChangeVmPowerAsync(node, vmid, VmPowerAction.Stop, null, cancellationToken);

    /// <summary><c>POST …/status/shutdown</c> (ACPI), optionally hard-stopping after <paramref name="timeoutSeconds"/> → UPID.</summary>
    public Task<string> ShutdownVmAsync(string node, int vmid, int? timeoutSeconds, bool forceStop, CancellationToken cancellationToken) =>
        ChangeVmPowerAsync(node, vmid, VmPowerAction.Shutdown,
            new RequestParameters().Add("timeout", timeoutSeconds).Add("forceStop", forceStop ? true : null).ToList(), cancellationToken);

    /// <summary><c>POST …/{vmid}/clone</c> → UPID.</summary>
    public Task<string> CloneVmAsync(string node, int vmid, int newId, VmCloneOptions? options, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CloneVm(node, vmid, newId, options), cancellationToken);

    /// <summary><c>POST …/{vmid}/template</c> → UPID.</summary>
    public Task<string> ConvertToTemplateAsync(string node, int vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ConvertToTemplate(node, vmid), cancellationToken);

    /// <summary><c>PUT …/{vmid}/resize</c> → UPID.</summary>
    public Task<string> ResizeVmDiskAsync(string node, int vmid, string disk, string size, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ResizeVmDisk(node, vmid, disk, size), cancellationToken);

    /// <summary><c>POST …/{vmid}/move_disk</c> → UPID.</summary>
    public Task<string> MoveVmDiskAsync(string node, int vmid, string disk, string storage, string? format, bool delete, long? bwlimitKiBps, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.MoveVmDisk(node, vmid, disk, storage, format, delete, bwlimitKiBps), cancellationToken);

    /// <summary><c>DELETE /nodes/{node}/qemu/{vmid}</c> → UPID.</summary>
    public Task<string> DeleteVmAsync(string node, int vmid, bool purge, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.DeleteVm(node, vmid, purge), cancellationToken);

    /// <summary><c>GET …/{vmid}/snapshot</c>, ending with the <c>current</c> pseudo-snapshot.</summary>
    public Task<IReadOnlyList<SnapshotItem>> ListSnapshotsAsync(string node, int vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ListSnapshots(node, vmid), cancellationToken);

    /// <summary><c>POST …/{vmid}/snapshot</c> → UPID.</summary>
    public Task<string> CreateSnapshotAsync(string node, int vmid, string name, string? description, bool? vmState, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CreateSnapshot(node, vmid, name, description, vmState), cancellationToken);

    /// <summary><c>POST …/snapshot/{name}/rollback</c> → UPID.</summary>
    public Task<string> RollbackSnapshotAsync(string node, int vmid, string name, bool? start, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.RollbackSnapshot(node, vmid, name, start), cancellationToken);

    /// <summary><c>DELETE …/snapshot/{name}</c> → UPID.</summary>
    public Task<string> DeleteSnapshotAsync(string node, int vmid, string name, bool? force, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.DeleteSnapshot(node, vmid, name, force), cancellationToken);
}
