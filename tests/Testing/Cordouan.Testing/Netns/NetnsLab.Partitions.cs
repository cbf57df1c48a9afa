using System.Net;

namespace Cordouan.Testing.Netns;

/// <summary>
/// Partitions. Each side's neighbour entry for the other is pinned to a MAC nobody owns, so frames leave, reach the
/// bridge and are dropped there, silently: new connects time out and ESTABLISHED flows stall, as in a real split.
/// (A blackhole route would instead fail local sends at once with EINVAL, and the kernel here has no tc actions.)
/// </summary>
public sealed partial class NetnsLab
{
    private const string UnownedMac = "02:00:00:c0:4d:00";

    private readonly Dictionary<(IPAddress, IPAddress), (LabEndpoint A, LabEndpoint B)> _cuts = [];

    /// <summary>Cuts traffic between exactly <paramref name="a"/> and <paramref name="b"/>, both directions. Idempotent.</summary>
    public Task PartitionAsync(LabHost a, LabHost b, CancellationToken cancellationToken)
    {
        EnsureDistinctMembers(a, b);
        return UnderGateAsync(ct => CutAsync(a.Endpoint, b.Endpoint, ct), cancellationToken);
    }

    /// <summary>Restores traffic between <paramref name="a"/> and <paramref name="b"/>. Idempotent.</summary>
    public Task HealAsync(LabHost a, LabHost b, CancellationToken cancellationToken)
    {
        EnsureDistinctMembers(a, b);
        return UnderGateAsync(ct => RestoreAsync(a.Endpoint, b.Endpoint, ct), cancellationToken);
    }

    /// <summary>
    /// Cuts <paramref name="host"/> from every other current host (hosts added later are not cut), and from the test
    /// process too unless <paramref name="keepTestAccess"/>.
    /// </summary>
    public Task IsolateAsync(LabHost host, bool keepTestAccess, CancellationToken cancellationToken)
    {
        EnsureMember(host);
        return UnderGateAsync(async ct =>
        {
            foreach (var other in _hosts.Where(h => h != host))
            {
                await CutAsync(host.Endpoint, other.Endpoint, ct);
            }
            if (!keepTestAccess)
            {
                await CutAsync(host.Endpoint, _testEndpoint, ct);
            }
        }, cancellationToken);
    }

    /// <summary>Undoes every partition and isolation of this lab.</summary>
    public Task HealAllAsync(CancellationToken cancellationToken) =>
        UnderGateAsync(async ct =>
        {
            foreach (var (a, b) in _cuts.Values.ToList())
            {
                await RestoreAsync(a, b, ct);
            }
        }, cancellationToken);

    private async Task UnderGateAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await action(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CutAsync(LabEndpoint a, LabEndpoint b, CancellationToken cancellationToken)
    {
        // Recorded first, so HealAllAsync also undoes a cut that failed half-way.
        if (!_cuts.TryAdd(Key(a, b), (a, b)))
        {
            return;
        }
        await IpTool.RunAsync(cancellationToken, a.Ip("neigh", "replace", b.Address.ToString(), "lladdr", UnownedMac, "dev", a.Device, "nud", "permanent"));
        await IpTool.RunAsync(cancellationToken, b.Ip("neigh", "replace", a.Address.ToString(), "lladdr", UnownedMac, "dev", b.Device, "nud", "permanent"));
    }

    private async Task RestoreAsync(LabEndpoint a, LabEndpoint b, CancellationToken cancellationToken)
    {
        if (!_cuts.ContainsKey(Key(a, b)))
        {
            return;
        }
        await UnpinAsync(a, b.Address, cancellationToken);
        await UnpinAsync(b, a.Address, cancellationToken);
        _cuts.Remove(Key(a, b));
    }

    private static async Task UnpinAsync(LabEndpoint on, IPAddress peer, CancellationToken cancellationToken)
    {
        var result = await IpTool.TryRunAsync(cancellationToken, on.Ip("neigh", "del", peer.ToString(), "dev", on.Device));
        // "No such file or directory": never pinned (a cut that failed half-way); anything else is a real failure.
        if (result.ExitCode != 0 && !result.StandardError.Contains("No such file", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Failed to heal {on.Address} -> {peer}: {result.StandardError.Trim()}");
        }
    }

    private static (IPAddress, IPAddress) Key(LabEndpoint a, LabEndpoint b) =>
        a.Address.GetAddressBytes()[3] < b.Address.GetAddressBytes()[3] ? (a.Address, b.Address) : (b.Address, a.Address);

    private void EnsureDistinctMembers(LabHost a, LabHost b)
    {
        EnsureMember(a);
        EnsureMember(b);
        if (a == b)
        {
            throw new ArgumentException($"Failed to partition {a}: a host cannot be cut from itself", nameof(b));
        }
    }

    private void EnsureMember(LabHost host)
    {
        if (!_hosts.Contains(host))
        {
            throw new ArgumentException($"Failed to use host {host}: it does not belong to lab {Index}", nameof(host));
        }
    }
}
