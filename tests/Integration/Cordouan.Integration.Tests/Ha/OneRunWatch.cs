using Cordouan.Testing.Daemon;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// Looks at every QEMU of every node five times a second for the whole test, and records each moment a VM ran on
/// more than one node: the one thing HA must never do.
/// </summary>
public sealed class OneRunWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _violations = [];
    private readonly Task _loop;

    private OneRunWatch(IReadOnlyList<CordouandNode> nodes, IReadOnlyList<int> vmids) =>
        _loop = Task.Run(() => WatchAsync(nodes, vmids, _stop.Token));

    public static OneRunWatch Start(IReadOnlyList<CordouandNode> nodes, IReadOnlyList<int> vmids) => new(nodes, vmids);

    /// <summary>Moments where a VM ran twice, e.g. "12.4 s: VM 800 on n1 (pid 1) and n2 (pid 2)".</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    public int Samples { get; private set; }

    private async Task WatchAsync(IReadOnlyList<CordouandNode> nodes, IReadOnlyList<int> vmids, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            foreach (var vmid in vmids)
            {
                // Per node, not per process: QEMU's -daemonize double fork shows one start as two processes for a
                // moment, and one node's driver serialises a VM's starts anyway. Two nodes at once is the failure.
                var runs = nodes.Select(n => (Node: n.NodeName, Pids: QemuPidsOf(n, vmid))).Where(r => r.Pids.Count > 0)
                    .Select(r => $"{r.Node} (pid {string.Join(", ", r.Pids)})").ToList();
                if (runs.Count > 1)
                {
                    lock (_violations)
                    {
                        _violations.Add($"{clock.Elapsed.TotalSeconds:0.0} s: VM {vmid} on {string.Join(" and ", runs)}");
                    }
                }
            }
            Samples++;
            await Task.Delay(200, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
