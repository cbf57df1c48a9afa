using System.Globalization;
using System.Net;

namespace Cordouan.Testing.Netns;

/// <summary>
/// Several "machines" on one Linux box for multi-node tests: a switch namespace holding a bridge on a private /24
/// (10.213.&lt;lab&gt;.0/24), one namespace per <see cref="LabHost"/> wired to it, and a veth from the test process's
/// own namespace at .254 so tests reach every host directly. Partitions drop frames silently, as a real network
/// does. Dispose kills every process in the lab's namespaces and removes them; a lab left by a crashed run is swept
/// by the next <see cref="CreateAsync"/>.
/// </summary>
public sealed partial class NetnsLab : IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(90);

    private readonly FileStream _lock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _namespaces = [];
    private readonly LabEndpoint _testEndpoint;
    private IReadOnlyList<LabHost> _hosts = [];
    private bool _disposed;

    private NetnsLab(int index, FileStream lockFile)
    {
        Index = index;
        _lock = lockFile;
        SwitchNamespace = $"{NamespacePrefix(index)}switch";
        TestLink = $"cordlab-{index}";
        TestAddress = AddressOf(254);
        _testEndpoint = new LabEndpoint(null, TestLink, TestAddress);
    }

    /// <summary>The lab id: the third octet of its subnet and the number in its namespace and link names.</summary>
    public int Index { get; }

    /// <summary>The lab's subnet in CIDR notation.</summary>
    public string Subnet => $"10.213.{Index}.0/24";

    /// <summary>The namespace holding the bridge <c>br0</c>.</summary>
    public string SwitchNamespace { get; }

    /// <summary>The veth of the test process's namespace plugged into the switch.</summary>
    public string TestLink { get; }

    /// <summary>The test process's address on the lab switch (.254).</summary>
    public IPAddress TestAddress { get; }

    /// <summary>Hosts in the order they were added.</summary>
    public IReadOnlyList<LabHost> Hosts => _hosts;

    /// <summary>Claims a free lab id (after sweeping labs of dead processes) and builds the switch.</summary>
    public static async Task<NetnsLab> CreateAsync(CancellationToken cancellationToken)
    {
        NetnsRequirements.NetworkNamespaces();
        await SweepStaleLabsAsync(cancellationToken);
        var (index, lockFile) = await ClaimIndexAsync(cancellationToken);
        var lab = new NetnsLab(index, lockFile);
        var built = false;
        try
        {
            await lab.BuildSwitchAsync(cancellationToken);
            built = true;
            return lab;
        }
        finally
        {
            if (!built)
            {
                await lab.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Adds a host named <paramref name="name"/> (lowercase letters, digits and '-') at the next address (.1, .2, …).
    /// </summary>
    public async Task<LabHost> AddHostAsync(string name, CancellationToken cancellationToken)
    {
        ValidateHostName(name);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hosts.Any(h => h.Name == name))
            {
                throw new InvalidOperationException($"Failed to add host {name} to lab {Index}: the name is taken");
            }
            var number = _hosts.Count + 1;
            if (number > 253)
            {
                throw new InvalidOperationException($"Failed to add host {name} to lab {Index}: a lab holds at most 253 hosts");
            }
            var ns = NamespacePrefix(Index) + name;
            var port = "h" + number.ToString(CultureInfo.InvariantCulture);
            var address = AddressOf(number);
            // Tracked before it exists, so a failure half-way is still cleaned up by DisposeAsync.
            _namespaces.Add(ns);
            await IpTool.RunAsync(cancellationToken, "netns", "add", ns);
            await IpTool.RunAsync(cancellationToken, "-n", ns, "link", "set", "lo", "up");
            await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
            await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "set", port, "master", "br0", "up");
            await IpTool.RunAsync(cancellationToken, "-n", ns, "addr", "add", $"{address}/24", "dev", "eth0");
            await IpTool.RunAsync(cancellationToken, "-n", ns, "link", "set", "eth0", "up");
            var host = new LabHost(name, ns, address);
            _hosts = [.. _hosts, host];
            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills every process in the lab's namespaces, deletes them and the test veth (bounded), frees the lab id.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(DisposeTimeout);
        await _gate.WaitAsync(timeout.Token);
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            // Hosts first, the switch (added first) last.
            foreach (var ns in Enumerable.Reverse(_namespaces))
            {
                await IpTool.DeleteNamespaceAsync(ns, timeout.Token);
            }
            await IpTool.DeleteRootLinkAsync(TestLink, timeout.Token);
        }
        finally
        {
            await _lock.DisposeAsync();
            _gate.Release();
        }
    }

    private async Task BuildSwitchAsync(CancellationToken cancellationToken)
    {
        _namespaces.Add(SwitchNamespace);
        await IpTool.RunAsync(cancellationToken, "netns", "add", SwitchNamespace);
        await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "set", "lo", "up");
        await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "add", "br0", "type", "bridge");
        await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "set", "br0", "up");
        await IpTool.RunAsync(cancellationToken, "link", "add", TestLink, "type", "veth", "peer", "name", "test", "netns", SwitchNamespace);
        await IpTool.RunAsync(cancellationToken, "-n", SwitchNamespace, "link", "set", "test", "master", "br0", "up");
        await IpTool.RunAsync(cancellationToken, "addr", "add", $"{TestAddress}/24", "dev", TestLink);
        await IpTool.RunAsync(cancellationToken, "link", "set", TestLink, "up");
    }

    private IPAddress AddressOf(int number) => new([10, 213, (byte)Index, (byte)number]);

    private static void ValidateHostName(string name)
    {
        if (name.Length is 0 or > 32 || name == "switch" || name[0] == '-'
            || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"host name '{name}' must be 1-32 lowercase letters, digits or '-' (not 'switch')", nameof(name));
        }
    }
}
