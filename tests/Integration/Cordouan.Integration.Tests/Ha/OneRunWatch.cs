using Cordouan.Testing.Daemon;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// Looks at every QEMU of every node five times a second for the whole test, and records each moment a VM ran in
/// more than one QEMU (on the same node or on two): the one thing HA must never do.
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
                var runs = nodes.SelectMany(n => Distinct(QemuPidsOf(n, vmid)).Select(pid => $"{n.NodeName} (pid {pid})")).ToList();
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

    /// <summary>
    /// QEMU's <c>-daemonize</c> forks: for a moment the starting parent and its child both exist, one QEMU. A pid
    /// whose parent is in the list is that child, not a second run.
    /// </summary>
    private static IEnumerable<int> Distinct(IReadOnlyList<int> pids) => pids.Where(pid => !pids.Contains(ParentOf(pid)));

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so count from the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
