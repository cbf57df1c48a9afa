using Cordouan.Client.Requests;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>POST /nodes/{node}/qemu/{vmid}/migrate</c> → UPID of the <c>qmigrate</c> task.</summary>
    public Task<string> MigrateVmAsync(string node, int vmid, string target, VmMigrateOptions? options, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.MigrateVm(node, vmid, target, options), cancellationToken);
}
