using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>Everything one run of the cluster-membership scenario measured, in the units it is reported in.</summary>
public sealed record ClusterRun
{
    /// <summary>Cold starts of the four standalone nodes, seconds.</summary>
    public required Summary Starts { get; init; }

    public required TimeSpan ClusterCreate { get; init; }

    public required IReadOnlyList<JoinTiming> Joins { get; init; }

    /// <summary>Config writes sent to the owner, milliseconds.</summary>
    public required Summary OwnerWrites { get; init; }

    /// <summary>Config writes sent to a non-owner, which proxies them to the owner, milliseconds.</summary>
    public required Summary ProxiedWrites { get; init; }

    /// <summary>Config writes on the standalone node (single-member etcd), milliseconds.</summary>
    public required Summary StandaloneWrites { get; init; }

    public required bool WritesCutShort { get; init; }

    public required IReadOnlyList<PartitionRound> Rounds { get; init; }

    public required LoadAverage LoadBefore { get; init; }

    public required LoadAverage LoadAfter { get; init; }

    public required string Subnet { get; init; }
}
