namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>What etcd wrote during an idle window, from its revision and its metrics.</summary>
public sealed record IdleWrites
{
    /// <summary>Write transactions (revisions) per second, one value per one-second sample.</summary>
    public required IReadOnlyList<double> WritesPerSecond { get; init; }

    /// <summary>Revisions over the whole window.</summary>
    public required long Revisions { get; init; }

    public required TimeSpan Window { get; init; }

    public required EtcdMetrics Before { get; init; }

    public required EtcdMetrics After { get; init; }

    /// <summary>Keys written during the window by first segment under <c>/cordouan/v1/</c> (e.g. <c>tasks/</c>).</summary>
    public required IReadOnlyDictionary<string, int> KeysByPrefix { get; init; }

    /// <summary>False when the replay did not reach the window's last revision (writes outside the root prefix).</summary>
    public required bool ReplayComplete { get; init; }

    /// <summary>Growth of an etcd counter over the window, per second.</summary>
    public double RateOf(string metric) => After.Since(Before, metric) / Window.TotalSeconds;
}
