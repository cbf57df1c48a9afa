namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>Sizes and bounds of the cluster-membership scenario (issue 4): writes timed, partition rounds, poll cadence.</summary>
public sealed record ClusterBenchOptions
{
    /// <summary>Untimed writes per series before the timed ones (first-call costs, connection set-up).</summary>
    public int WarmUpWrites { get; init; } = 10;

    /// <summary>Timed sequential config writes per series (the issue asks for at least 200).</summary>
    public int Writes { get; init; } = 200;

    /// <summary>Time after which the write loop stops early, so a slow cluster cannot stretch the run without bound.</summary>
    public TimeSpan WritesBudget { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Isolate/heal rounds of the minority node.</summary>
    public int PartitionRounds { get; init; } = 3;

    /// <summary>Cadence of every status poll (join task, node online, quorate).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Per-request bound while probing quorum: a request may hang while etcd discovers the loss.</summary>
    public TimeSpan QuorumRequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-request bound while a joining node restarts (a login costs a PBKDF2 hash; 1 s is tight under load).</summary>
    public TimeSpan JoinRequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bound on one join (task and node online); far above the 10 s goal, so a slow join is measured, not lost.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Bound on each quorum transition; a miss is reported at this value (goal not met), not thrown.</summary>
    public TimeSpan QuorumTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one config write.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public const double JoinGoalSeconds = 10;

    public const double QuorumLossGoalSeconds = 5;
}
