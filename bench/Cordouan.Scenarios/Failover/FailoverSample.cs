namespace Cordouan.Scenarios.Failover;

/// <summary>
/// One power loss, every time counted from the kill: <see cref="OwnerMs"/> (a) the surviving node's API shows it owns
/// the VM, <see cref="QemuMs"/> (b) the VM's QEMU appears on it, <see cref="HeartbeatMs"/> (c) the guest's first
/// heartbeat on its console; and the <c>hafailover</c> task's own figures, from the moment the cluster manager saw
/// the lease gone. The split adds up to <see cref="HeartbeatMs"/>.
/// </summary>
public sealed record FailoverSample
{
    public required int Round { get; init; }

    /// <summary>The node whose power was cut (it ran the VM).</summary>
    public required string Killed { get; init; }

    /// <summary>The node that runs the VM afterwards.</summary>
    public required string Survivor { get; init; }

    /// <summary>The elected HA manager just before the kill (a dead manager must be replaced first).</summary>
    public required string? Manager { get; init; }

    /// <summary>The etcd leader just before the kill (a dead leader must be replaced before leases can expire).</summary>
    public required string? EtcdLeader { get; init; }

    public required double OwnerMs { get; init; }

    public required double QemuMs { get; init; }

    public required double HeartbeatMs { get; init; }

    /// <summary><c>fence_wait_ms</c>: lease loss seen → recovery started (the fencing margin and the manager's next pass).</summary>
    public required double FenceWaitMs { get; init; }

    /// <summary><c>recovery_ms</c>: lease loss seen → ownership moved.</summary>
    public required double RecoveryMs { get; init; }

    public required string TaskUpid { get; init; }

    /// <summary>The last heartbeat read on the killed node's console and the first on the survivor's (the guest's disk counter).</summary>
    public required int LastBeatBefore { get; init; }

    public required int FirstBeatAfter { get; init; }

    /// <summary>Killed node started again → it reports the cluster quorate.</summary>
    public double RejoinMs { get; init; }

    /// <summary>Kill → the manager sees the lease gone (includes up to one owner poll of lateness).</summary>
    public double DetectMs => OwnerMs - RecoveryMs;

    public double FenceMs => FenceWaitMs;

    /// <summary>The recovery transaction (ownership moved in etcd) and the task around it.</summary>
    public double RecoverMs => RecoveryMs - FenceWaitMs;

    /// <summary>Owner moved → QEMU on the new node (the new node's local manager claims and starts it).</summary>
    public double RestartMs => QemuMs - OwnerMs;

    /// <summary>QEMU appeared → first heartbeat (TCG boot of the test guest).</summary>
    public double BootMs => HeartbeatMs - QemuMs;

    /// <summary>The guest's disk counter went on from where it was: no write lost, no older copy booted.</summary>
    public bool CounterWentOn => FirstBeatAfter > LastBeatBefore;
}
