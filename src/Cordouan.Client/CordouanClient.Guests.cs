using Cordouan.Client.Requests;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>POST /nodes/{node}/startall</c>: starts the node's onboot VMs (all with <paramref name="force"/>) in startup order.</summary>
    public Task<string> StartAllAsync(string node, bool force, string? vms, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.StartAll(node, force, vms), cancellationToken);

    /// <summary><c>POST /nodes/{node}/stopall</c>: shuts the node's VMs down in reverse startup order.</summary>
    public Task<string> StopAllAsync(string node, string? vms, int? timeout, bool? forceStop, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.StopAll(node, vms, timeout, forceStop), cancellationToken);

    /// <summary><c>POST /nodes/{node}/migrateall</c>: moves the node's VMs to <paramref name="target"/>.</summary>
    public Task<string> MigrateAllAsync(string node, string target, string? vms, bool? withLocalDisks, int? maxWorkers, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.MigrateAll(node, target, vms, withLocalDisks, maxWorkers), cancellationToken);
}
