using Cordouan.Client.Requests;
using Cordouan.Contracts.Ha;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /cluster/ha/resources</c>.</summary>
    public Task<IReadOnlyList<HaResourceItem>> ListHaResourcesAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.HaResources(), cancellationToken);

    /// <summary><c>GET /cluster/ha/resources/{sid}</c>.</summary>
    public Task<HaResourceItem> GetHaResourceAsync(string sid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.HaResource(sid), cancellationToken);

    /// <summary><c>POST /cluster/ha/resources</c>: puts a VM (<c>vm:100</c> or <c>100</c>) under HA.</summary>
    public Task AddHaResourceAsync(string sid, HaResourceOptions? options, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.CreateHaResource(sid, options), cancellationToken);

    /// <summary><c>PUT /cluster/ha/resources/{sid}</c>: sets options, resets <paramref name="delete"/>, refuses a stale <paramref name="digest"/>.</summary>
    public Task UpdateHaResourceAsync(string sid, HaResourceOptions? options, IEnumerable<string>? delete, string? digest, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.UpdateHaResource(sid, options, delete, digest), cancellationToken);

    /// <summary><c>DELETE /cluster/ha/resources/{sid}</c>.</summary>
    public Task MoveHaResourceAsync(string sid, string request, string node, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.MoveHaResource(sid, request, node), cancellationToken);

    public Task RemoveHaResourceAsync(string sid, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.DeleteHaResource(sid), cancellationToken);

    /// <summary><c>GET /cluster/ha/groups</c>.</summary>
    public Task<IReadOnlyList<HaGroupItem>> ListHaGroupsAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.HaGroups(), cancellationToken);

    /// <summary><c>GET /cluster/ha/groups/{group}</c>.</summary>
    public Task<HaGroupItem> GetHaGroupAsync(string group, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.HaGroup(group), cancellationToken);

    /// <summary><c>POST /cluster/ha/groups</c>.</summary>
    public Task AddHaGroupAsync(string group, HaGroupOptions options, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.CreateHaGroup(group, options), cancellationToken);

    /// <summary><c>PUT /cluster/ha/groups/{group}</c>: sets options, resets <paramref name="delete"/>, refuses a stale <paramref name="digest"/>.</summary>
    public Task UpdateHaGroupAsync(string group, HaGroupOptions? options, IEnumerable<string>? delete, string? digest, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.UpdateHaGroup(group, options, delete, digest), cancellationToken);

    /// <summary><c>DELETE /cluster/ha/groups/{group}</c>.</summary>
    public Task RemoveHaGroupAsync(string group, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.DeleteHaGroup(group), cancellationToken);
}
