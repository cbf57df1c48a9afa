namespace Cordouan.Node.Ha;

/// <summary>
/// An HA resource's runtime state at <c>ha/services/&lt;sid&gt;</c> (Proxmox's <c>crm_state</c>): written by the local
/// manager of the node running it (restarts in place) and by the cluster manager (fencing, recovery, relocation).
/// </summary>
public sealed record HaServiceState
{
    public required string Sid { get; init; }
    /// <summary>One of <see cref="HaServiceStates"/>.</summary>
    public string State { get; init; } = HaServiceStates.Started;
    /// <summary>The node that runs it (or last did).</summary>
    public string? Node { get; init; }
    /// <summary>Restarts in place since it last moved.</summary>
    public int Restarts { get; init; }
    public int Relocates { get; init; }
    /// <summary>Nodes where it could not be kept running, avoided when relocating.</summary>
    public IReadOnlyList<string> FailedNodes { get; init; } = [];
    public string? Message { get; init; }
    /// <summary>
    /// The disk clients (Ceph: librados instances) of the QEMU running it, recorded by its node when its disks can be
    /// storage-fenced: the cluster manager cuts them off before recovering it elsewhere.
    /// </summary>
    public IReadOnlyList<string> Clients { get; init; } = [];
    /// <summary>A user's request to move it (<see cref="HaRequests"/>), carried out by the local manager of the node that runs it.</summary>
    public string? Request { get; init; }
    /// <summary>Where <see cref="Request"/> moves it.</summary>
    public string? RequestedNode { get; init; }
    /// <summary>Unix milliseconds when its node first saw its QEMU running after the last start: a failover's last step.</summary>
    public long? RunningSince { get; init; }
    /// <summary>Unix seconds of the last change.</summary>
    public long Changed { get; init; }
}

/// <summary>Runtime states, with Proxmox's names where they exist.</summary>
public static class HaServiceStates
{
    public const string Started = "started";
    public const string Stopped = "stopped";
    /// <summary>Its node lost its lease: waiting for the fencing margin before recovery.</summary>
    public const string Fence = "fence";
    /// <summary>Being moved to another node after its node was fenced.</summary>
    public const string Recovery = "recovery";
    /// <summary>Restarts in place exhausted: asks the cluster manager for another node.</summary>
    public const string Relocate = "relocate";
    /// <summary>Its node's daemon is restarting: left alone until it is back.</summary>
    public const string Freeze = "freeze";
    /// <summary>Could not be kept running (relocations exhausted, no node allowed): needs an operator.</summary>
    public const string Error = "error";
}

/// <summary>What <c>POST /cluster/ha/resources/{sid}/migrate|relocate</c> ask for.</summary>
public static class HaRequests
{
    /// <summary>Live migration of a running VM (offline if it is stopped).</summary>
    public const string Migrate = "migrate";
    /// <summary>Stop, move, start again on the requested node.</summary>
    public const string Relocate = "relocate";
}

/// <summary>A node's local manager status at <c>ha/lrm/&lt;node&gt;</c>.</summary>
public sealed record HaLrmStatus
{
    /// <summary><c>active</c> (runs HA resources), <c>idle</c>, or <c>restart</c> (daemon stopping cleanly: freeze its resources).</summary>
    public required string Mode { get; init; }
    public long Timestamp { get; init; }
}

/// <summary>The elected cluster manager at <c>ha/manager</c>, bound to its node's lease.</summary>
public sealed record HaManagerStatus
{
    public required string Node { get; init; }
    public long Since { get; init; }
}
