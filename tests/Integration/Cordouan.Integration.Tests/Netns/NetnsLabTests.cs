using System.Net;
using System.Net.Sockets;
using Cordouan.Platform.Processes;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;
using Xunit;

namespace Cordouan.Integration.Tests.Netns;

/// <summary>Self-tests of the multi-node network lab (issue 4): reachability, partitions, isolation, cleanup.</summary>
[Collection("netns")]
public sealed class NetnsLabTests
{
    private const int Port = 7001;
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddHostAsync_TwoHosts_ReachEachOtherAndTheTestProcess()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(1));
        var ct = deadline.Token;
        await using var lab = await NetnsLab.CreateAsync(ct);
        var h1 = await lab.AddHostAsync("h1", ct);
        var h2 = await lab.AddHostAsync("h2", ct);
        await using var l1 = await TcpProbe.ListenAsync(h1, Port, ct);
        await using var l2 = await TcpProbe.ListenAsync(h2, Port, ct);
        using var testListener = new TcpListener(lab.TestAddress, 0);
        testListener.Start();
        var testPort = ((IPEndPoint)testListener.LocalEndpoint).Port;

        Assert.Equal(IPAddress.Parse($"10.213.{lab.Index}.1"), h1.Address);
        Assert.Equal(IPAddress.Parse($"10.213.{lab.Index}.2"), h2.Address);
        Assert.Equal($"cordlab-{lab.Index}-h1", h1.Namespace);
        Assert.True(await TcpProbe.CanConnectAsync(h1, h2.Address, Port, ct), "h1 -> h2");
        Assert.True(await TcpProbe.CanConnectAsync(h2, h1.Address, Port, ct), "h2 -> h1");
        Assert.True(await TcpProbe.TestProcessCanConnectAsync(h1.Address, Port, ct), "test -> h1");
        Assert.True(await TcpProbe.CanConnectAsync(h2, lab.TestAddress, testPort, ct), "h2 -> test");
    }

    [Fact]
    public async Task Command_IpNetnsExec_StartedPidIsTheTargetProcess()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(1));
        var ct = deadline.Token;
        await using var lab = await NetnsLab.CreateAsync(ct);
        var h1 = await lab.AddHostAsync("h1", ct);

        await using var sleeper = BackgroundProcess.Start(h1.Command("sleep", "600"));

        // ip setns()es, then execs in place: the pid we started becomes "sleep" (no fork), inside the namespace.
        while ((await File.ReadAllTextAsync($"/proc/{sleeper.Id}/comm", ct)).Trim() != "sleep")
        {
            await Task.Delay(50, ct);
        }
        Assert.Contains(sleeper.Id, await h1.ProcessIdsAsync(ct));
    }

    [Fact]
    public async Task PartitionAsync_EstablishedConnection_StallsUntilHealed()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(2));
        var ct = deadline.Token;
        await using var lab = await NetnsLab.CreateAsync(ct);
        var h1 = await lab.AddHostAsync("h1", ct);
        var h2 = await lab.AddHostAsync("h2", ct);
        var h3 = await lab.AddHostAsync("h3", ct);
        await using var l1 = await TcpProbe.ListenAsync(h1, Port, ct);
        await using var l2 = await TcpProbe.ListenAsync(h2, Port, ct);
        await using var receiver = BackgroundProcess.Start(h2.Command("socat", "-u", $"TCP-LISTEN:7000,bind={h2.Address},reuseaddr", "STDOUT"));
        await TcpProbe.WaitForListenerAsync(h2, 7000, ct);
        await using var sender = BackgroundProcess.Start(h1.Command("socat", "-u", "STDIN", $"TCP:{h2.Address}:7000"));
        await sender.WriteLineAsync("before", ct);
        await receiver.WaitForOutputAsync("before", Arrival, ct);

        await lab.PartitionAsync(h1, h2, ct);
        await sender.WriteLineAsync("during", ct);

        // The failed connects below are also the window in which "during" must not arrive.
        Assert.False(await TcpProbe.CanConnectAsync(h1, h2.Address, Port, ct), "h1 -> h2 while partitioned");
        Assert.False(await TcpProbe.CanConnectAsync(h2, h1.Address, Port, ct), "h2 -> h1 while partitioned");
        Assert.True(await TcpProbe.CanConnectAsync(h3, h1.Address, Port, ct), "h3 -> h1 is not part of the partition");
        Assert.True(await TcpProbe.CanConnectAsync(h3, h2.Address, Port, ct), "h3 -> h2 is not part of the partition");
        Assert.True(await TcpProbe.TestProcessCanConnectAsync(h1.Address, Port, ct), "test -> h1 is not part of the partition");
        Assert.DoesNotContain("during", receiver.Output, StringComparison.Ordinal);
        Assert.False(sender.HasExited, "the established connection survives a partition (it stalls, it is not reset)");

        await lab.HealAsync(h1, h2, ct);

        await receiver.WaitForOutputAsync("during", Arrival, ct);
        await sender.WriteLineAsync("after", ct);
        await receiver.WaitForOutputAsync("after", Arrival, ct);
        Assert.True(await TcpProbe.CanConnectAsync(h1, h2.Address, Port, ct), "h1 -> h2 after heal");
        Assert.True(await TcpProbe.CanConnectAsync(h2, h1.Address, Port, ct), "h2 -> h1 after heal");
    }

    [Fact]
    public async Task IsolateAsync_KeepTestAccess_OnlyTheTestProcessStillReachesTheHost()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(2));
        var ct = deadline.Token;
        await using var lab = await NetnsLab.CreateAsync(ct);
        var h1 = await lab.AddHostAsync("h1", ct);
        var h2 = await lab.AddHostAsync("h2", ct);
        await using var l1 = await TcpProbe.ListenAsync(h1, Port, ct);
        await using var l2 = await TcpProbe.ListenAsync(h2, Port, ct);

        await lab.IsolateAsync(h1, keepTestAccess: true, ct);
        Assert.True(await TcpProbe.TestProcessCanConnectAsync(h1.Address, Port, ct), "test -> h1 with keepTestAccess");
        Assert.False(await TcpProbe.CanConnectAsync(h2, h1.Address, Port, ct), "h2 -> h1 while h1 is isolated");
        Assert.False(await TcpProbe.CanConnectAsync(h1, h2.Address, Port, ct), "h1 -> h2 while h1 is isolated");

        await lab.IsolateAsync(h1, keepTestAccess: false, ct);
        Assert.False(await TcpProbe.TestProcessCanConnectAsync(h1.Address, Port, ct), "test -> h1 without keepTestAccess");
        Assert.True(await TcpProbe.TestProcessCanConnectAsync(h2.Address, Port, ct), "test -> h2 is unaffected");

        await lab.HealAllAsync(ct);
        Assert.True(await TcpProbe.TestProcessCanConnectAsync(h1.Address, Port, ct), "test -> h1 after HealAll");
        Assert.True(await TcpProbe.CanConnectAsync(h2, h1.Address, Port, ct), "h2 -> h1 after HealAll");
        Assert.True(await TcpProbe.CanConnectAsync(h1, h2.Address, Port, ct), "h1 -> h2 after HealAll");
    }

    [Fact]
    public async Task DisposeAsync_ProcessesRunning_LeavesNoNamespacesLinksOrProcesses()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(2));
        var ct = deadline.Token;
        var lab = await NetnsLab.CreateAsync(ct);
        var h1 = await lab.AddHostAsync("h1", ct);
        var h2 = await lab.AddHostAsync("h2", ct);
        await using var l1 = await TcpProbe.ListenAsync(h1, Port, ct);
        await using var sleeper = BackgroundProcess.Start(h2.Command("sleep", "600"));
        await lab.PartitionAsync(h1, h2, ct);

        await lab.DisposeAsync();

        await l1.WaitForExitAsync(TimeSpan.FromSeconds(10), ct);
        await sleeper.WaitForExitAsync(TimeSpan.FromSeconds(10), ct);
        var namespaces = (await Ip(ct, "netns", "list")).StandardOutput;
        Assert.DoesNotContain($"cordlab-{lab.Index}-", namespaces, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Ip(ct, "link", "show", lab.TestLink)).ExitCode);
        Assert.True(await LockIsFreeAsync(lab.Index, ct), $"/run/cordlab/{lab.Index}.lock is released");
    }

    [Fact]
    public async Task CreateAsync_LeftoversOfDeadLab_AreSweptAndLiveLabsKept()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(2));
        var ct = deadline.Token;
        NetnsRequirements.NetworkNamespaces();
        await using var live = await NetnsLab.CreateAsync(ct);
        var liveHost = await live.AddHostAsync("h1", ct);
        // A crashed run's lab: namespaces, the test veth and a process, with nobody holding the lab's lock.
        var stale = await FreeHighIndexAsync(ct);
        var ghost = $"cordlab-{stale}-ghost";
        await using var orphan = await LeaveStaleLabAsync(stale, ghost, ct);
        try
        {
            await using var fresh = await NetnsLab.CreateAsync(ct);

            await orphan.WaitForExitAsync(TimeSpan.FromSeconds(10), ct);
            var namespaces = (await Ip(ct, "netns", "list")).StandardOutput;
            Assert.DoesNotContain($"cordlab-{stale}-", namespaces, StringComparison.Ordinal);
            Assert.NotEqual(0, (await Ip(ct, "link", "show", $"cordlab-{stale}")).ExitCode);
            Assert.Contains(liveHost.Namespace, namespaces, StringComparison.Ordinal);
            Assert.NotEqual(live.Index, fresh.Index);
        }
        finally
        {
            // Only if the sweep failed: don't leak into the next run.
            await Ip(ct, "netns", "delete", ghost);
            await Ip(ct, "netns", "delete", $"cordlab-{stale}-switch");
        }
    }

    [Fact]
    public async Task CordouandNode_InLabHost_AnswersVersionAtNamespaceAddress()
    {
        using var deadline = Deadline(TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        await using var lab = await NetnsLab.CreateAsync(ct);
        var host = await lab.AddHostAsync("node1", ct);
        var other = await lab.AddHostAsync("node2", ct);
        var node = new CordouandNode(host);
        try
        {
            await node.StartAsync(ct);

            Assert.Equal($"https://{host.Address}:8006/", node.BaseAddress.ToString());
            using var http = node.Anonymous();
            (await http.GetAsync("/version", ct)).EnsureOk();
            Assert.Contains(node.Pid!.Value, await host.ProcessIdsAsync(ct));
            Assert.True(await TcpProbe.CanConnectAsync(other, host.Address, 8006, ct), "another lab host reaches the API");
        }
        finally
        {
            await node.DisposeAsync();
        }
        Assert.Empty(await host.ProcessIdsAsync(ct));
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private static Task<ProcessResult> Ip(CancellationToken cancellationToken, params string[] args) =>
        new ProcessRunner().RunAsync(["ip", .. args], cancellationToken);

    private static async Task<bool> LockIsFreeAsync(int index, CancellationToken cancellationToken) =>
        (await new ProcessRunner().RunAsync(["flock", "--nonblock", $"/run/cordlab/{index}.lock", "true"], cancellationToken)).ExitCode == 0;

    /// <summary>A lab id nobody holds, from the top (labs claim from the bottom) so no live lab takes it meanwhile.</summary>
    private static async Task<int> FreeHighIndexAsync(CancellationToken cancellationToken)
    {
        var namespaces = (await Ip(cancellationToken, "netns", "list")).StandardOutput;
        for (var index = 255; index > 128; index--)
        {
            if (!namespaces.Contains($"cordlab-{index}-", StringComparison.Ordinal) && await LockIsFreeAsync(index, cancellationToken))
            {
                return index;
            }
        }
        throw new InvalidOperationException("no free lab id between 129 and 255");
    }

    private static async Task<BackgroundProcess> LeaveStaleLabAsync(int index, string ghost, CancellationToken cancellationToken)
    {
        var runner = new ProcessRunner();
        var switchNs = $"cordlab-{index}-switch";
        await runner.RunCheckedAsync(["ip", "netns", "add", switchNs], cancellationToken);
        await runner.RunCheckedAsync(["ip", "netns", "add", ghost], cancellationToken);
        await runner.RunCheckedAsync(["ip", "link", "add", $"cordlab-{index}", "type", "veth", "peer", "name", "test", "netns", switchNs], cancellationToken);
        var orphan = BackgroundProcess.Start(["ip", "netns", "exec", ghost, "sleep", "600"]);
        while (!(await new ProcessRunner().RunCheckedAsync(["ip", "netns", "pids", ghost], cancellationToken)).StandardOutput.Contains(
            orphan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            await Task.Delay(50, cancellationToken);
        }
        return orphan;
    }
}
