using System.Diagnostics;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Cuts the minority node from every other lab host (the bench keeps access to it), times its switch to
/// <c>quorate=0</c>, heals and times its return to <c>quorate=1</c> and to <c>online</c> on the founding node.
/// </summary>
public sealed class PartitionTimer(ClusterBenchOptions options, NetnsLab lab, LabHost minority, PveHttp minorityApi, PveHttp founderApi, string minorityName)
{
    private readonly QuorumProbe _probe = new(options, minorityApi);
    private readonly OnlineProbe _online = new(options.PollInterval, options.QuorumRequestTimeout, founderApi);

    public async Task<PartitionRound> RunRoundAsync(int round, CancellationToken cancellationToken)
    {
        await WaitSettledAsync(cancellationToken);
        // Counted from the start of each lab call: the cut (or the repair) that matters may be its first command.
        var isolating = Stopwatch.GetTimestamp();
        QuorumTransition lost;
        TimeSpan isolate, heal;
        long healing;
        try
        {
            await lab.IsolateAsync(minority, keepTestAccess: true, cancellationToken);
            isolate = Stopwatch.GetElapsedTime(isolating);
            lost = await _probe.WaitForAsync(false, isolating, cancellationToken);
        }
        finally
        {
            healing = Stopwatch.GetTimestamp();
            await lab.HealAllAsync(cancellationToken);
            heal = Stopwatch.GetElapsedTime(healing);
        }
        var regained = await _probe.WaitForAsync(true, healing, cancellationToken);
        var online = await _online.WaitAsync(minorityName, healing, options.QuorumTimeout, cancellationToken);
        return new PartitionRound(round, isolate, lost, heal, regained, online);
    }

    /// <summary>Before a round: the minority is quorate and the founding node lists it online, so rounds start alike.</summary>
    private async Task WaitSettledAsync(CancellationToken cancellationToken)
    {
        var quorate = await _probe.WaitForAsync(true, Stopwatch.GetTimestamp(), cancellationToken);
        if (!quorate.Reached)
        {
            throw new TimeoutException($"{minorityName} not quorate within {options.QuorumTimeout.TotalSeconds:0} s before a partition round");
        }
        await _online.WaitAsync(minorityName, Stopwatch.GetTimestamp(), options.QuorumTimeout, cancellationToken);
    }
}
