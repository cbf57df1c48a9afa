using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

/// <summary>HA documents in etcd: configuration (resources <c>ha/resources/vm:N</c>, groups <c>ha/groups/NAME</c>) and the managers' runtime state.</summary>
public sealed class HaConfigRepository(IClusterStore store)
{
    public DocumentCollection<HaResourceDocument> Resources { get; } = new(store, ClusterKeys.HaResourcesPrefix, HaJsonContext.Default.HaResourceDocument);

    public DocumentCollection<HaGroupDocument> Groups { get; } = new(store, ClusterKeys.HaGroupsPrefix, HaJsonContext.Default.HaGroupDocument);

    /// <summary>Runtime state per resource (not configuration: written by the managers).</summary>
    public DocumentCollection<HaServiceState> Services { get; } = new(store, ClusterKeys.HaServicesPrefix, HaJsonContext.Default.HaServiceState);

    public DocumentCollection<HaLrmStatus> Lrms { get; } = new(store, ClusterKeys.HaLrmPrefix, HaJsonContext.Default.HaLrmStatus);

    /// <summary>
    /// Applies <paramref name="change"/> to a resource's runtime state as read; a concurrent write by the other manager
    /// wins (the next pass reads its decision).
    /// </summary>
    public Task WriteServiceAsync(string sid, VersionedDocument<HaServiceState>? current, Func<HaServiceState, HaServiceState> change, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryWriteServiceAsync(sid, current, change(current?.Document ?? new HaServiceState { Sid = sid }) with { Changed = now.ToUnixTimeSeconds() }, cancellationToken);

    /// <summary>
    /// Writes a resource's runtime state over the version read (<paramref name="current"/>; created when there was
    /// none). False when another writer got there first: the caller's read is stale and its decision is dropped or
    /// made again from a fresh read.
    /// </summary>
    public async Task<bool> TryWriteServiceAsync(string sid, VersionedDocument<HaServiceState>? current, HaServiceState next, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return await Services.TryCreateAsync(sid, next, cancellationToken);
        }
        try
        {
            await Services.UpdateAsync(current, next, cancellationToken);
            return true;
        }
        catch (ConfigConflictException)
        {
            return false;
        }
    }
}
