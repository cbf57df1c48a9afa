using Cordouan.Core.Errors;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>A failed failback is tried again only after this (each try is a live migration).</summary>
    private static readonly TimeSpan FailbackRetry = TimeSpan.FromSeconds(60);

    /// <summary>When this manager last asked each resource (by sid) to fail back.</summary>
    private readonly Dictionary<string, long> _failbackAsked = new(StringComparer.Ordinal);

    /// <summary>
    /// Failback, as in Proxmox: a running resource whose group has a live node of higher priority than the one it runs
    /// on (one that came back after a failover) is asked to migrate there live, unless the group says <c>nofailback</c>
    /// or the resource <c>failback=0</c>. The request goes through the resource's state, as a user's migrate does.
    /// </summary>
    private async Task FailBackAsync(HaResourceDocument resource, VersionedVm vm, VersionedDocument<HaServiceState>? service, ClusterPicture picture, CancellationToken cancellationToken)
    {
        var owner = vm.Document.Owner;
        if (!resource.Failback || resource.State != HaStates.Started || vm.Document.Lock is not null
            || service?.Document is not { State: HaServiceStates.Started, Request: null } state || state.Node != owner
            || resource.Group is not { } groupName || !picture.Groups.TryGetValue(groupName, out var group))
        {
            return;
        }
        if (HaPlacement.FailbackTarget(group, picture.Nodes, picture.Alive, picture.Loads, owner) is not { } target
            || (_failbackAsked.TryGetValue(resource.Sid, out var asked) && time.GetElapsedTime(asked) < FailbackRetry))
        {
            return;
        }
        _failbackAsked[resource.Sid] = time.GetTimestamp();
        try
        {
            await ha.Services.UpdateAsync(service, state with { Request = HaRequests.Migrate, RequestedNode = target, Changed = time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken);
            LogFailback(logger, resource.Sid, owner, target);
        }
        catch (ConfigConflictException)
        {
            // Its node wrote the state meanwhile: the next pass looks again.
            _failbackAsked.Remove(resource.Sid);
        }
    }

    [LoggerMessage(EventId = 3529, Level = LogLevel.Information, Message = "HA manager: {Sid} fails back from {From} to {To}, a node of higher priority in its group")]
    private static partial void LogFailback(ILogger logger, string sid, string from, string to);
}
