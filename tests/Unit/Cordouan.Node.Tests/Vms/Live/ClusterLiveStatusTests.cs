using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Node.Nodes;
using Cordouan.Node.Tests.Fakes;
using Cordouan.Node.Vms.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Live;

public sealed class ClusterLiveStatusTests : IDisposable
{
    private static readonly HostStatus Host = new(3600, 0.25, ["0.5", "0.4", "0.3"], 8, "cpu", 16L << 30, 10L << 30, 0, 0, 100L << 30, 60L << 30, "6.1", "#1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly WatchableStore _store = new();
    private readonly ClusterLiveStatus _status;

    public ClusterLiveStatusTests() => _status = new ClusterLiveStatus(_store, _time, NullLogger<ClusterLiveStatus>.Instance);

    public void Dispose() => _status.Dispose();

    [Fact]
    public async Task ReadAsync_NodePublishedVm_RunningWithItsFigures()
    {
        Publish("node2", Running(200, startedSecondsAgo: 90, new VmFigures(0.5, 256L << 20, 1000, 2000, 30, 40)));

        var view = await _status.ReadAsync(TestContext.Current.CancellationToken);
        var live = view.Vm("node2", 200, _time.GetUtcNow());

        Assert.False(live.Unknown);
        Assert.Equal(VmRunState.Running, live.Runtime!.State);
        Assert.Equal(4242, live.Runtime.Pid);
        Assert.Equal(90, (_time.GetUtcNow() - live.Runtime.StartedAt).TotalSeconds);
        Assert.Equal(new VmFigures(0.5, 256L << 20, 1000, 2000, 30, 40), live.Runtime.Figures);
        Assert.Equal(16L << 30, view.Host("node2")!.MaxMemory);
        Assert.Equal(6L << 30, view.Host("node2")!.Memory);
    }

    [Fact]
    public async Task ReadAsync_FreshNodeWithoutTheVm_Stopped()
    {
        Publish("node2", Running(200, 5, null));

        var view = await _status.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(VmLive.Stopped, view.Vm("node2", 201, _time.GetUtcNow()));
    }

    [Fact]
    public async Task ReadAsync_NodeNeverPublished_Unknown()
    {
        Publish("node2", Running(200, 5, null));

        var view = await _status.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(VmLive.NotKnown, view.Vm("node3", 300, _time.GetUtcNow()));
        Assert.Null(view.Host("node3"));
    }

    [Fact]
    public async Task ReadAsync_DocumentNotRewrittenForStaleAfter_Unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        Publish("node2", Running(200, 5, null));
        Assert.NotNull((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Runtime);

        _time.Advance(ClusterLiveStatus.StaleAfter - TimeSpan.FromSeconds(1));
        Assert.NotNull((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Runtime);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Unknown);

        // Rewritten again: fresh again.
        Publish("node2", Running(200, 5, null));
        _time.Advance(ClusterLiveStatus.RefreshAfter);
        Assert.NotNull((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Runtime);
    }

    [Fact]
    public async Task ReadAsync_KeyGoneWithTheLease_UnknownAtNextRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        Publish("node2", Running(200, 5, null));
        await _status.ReadAsync(ct);

        _store.Delete(ClusterKeys.LiveStatus("node2"));
        // Within RefreshAfter the earlier read is served; after it, etcd is read again.
        Assert.NotNull((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Runtime);
        _time.Advance(ClusterLiveStatus.RefreshAfter);

        Assert.True((await _status.ReadAsync(ct)).Vm("node2", 200, _time.GetUtcNow()).Unknown);
    }

    [Fact]
    public async Task ReadAsync_UnreadableDocument_Unknown()
    {
        _store.Put(ClusterKeys.LiveStatus("node2"), "{\"v\":99,\"vms\":[]}"u8.ToArray());

        var view = await _status.ReadAsync(TestContext.Current.CancellationToken);

        Assert.True(view.Vm("node2", 200, _time.GetUtcNow()).Unknown);
    }

    [Fact]
    public void Document_RunningVms_UptimeFromStartAndFiguresRounded()
    {
        var now = _time.GetUtcNow();
        var vm = new VmRuntimeInfo(new VmId(100), 77, VmRunState.Paused, now.AddSeconds(-61.7)) { Figures = new VmFigures(0.123456789, 5, 6, 7, 8, 9) };

        var document = LiveStatusPublisher.Document([vm, new VmRuntimeInfo(new VmId(101), 78, VmRunState.Running, now)], Host, now);

        Assert.Equal(new VmLiveEntry(100, VmRunState.Paused, 77, 61, 0.1235, 5, 6, 7, 8, 9), document.Vms[0]);
        Assert.Equal(new VmLiveEntry(101, VmRunState.Running, 78, 0, 0, 0, 0, 0, 0, 0), document.Vms[1]);
        Assert.Equal(new NodeLiveFigures(3600, 0.25, 8, 6L << 30, 16L << 30, 40L << 30, 100L << 30), document.Host);
        var parsed = NodeLiveDocument.TryParse(document.ToUtf8Bytes());
        Assert.NotNull(parsed);
        Assert.Equal(document.Vms, parsed.Vms);
    }

    private void Publish(string node, VmRuntimeInfo running) =>
        _store.Put(ClusterKeys.LiveStatus(node), LiveStatusPublisher.Document([running], Host, _time.GetUtcNow()).ToUtf8Bytes());

    private VmRuntimeInfo Running(int vmid, int startedSecondsAgo, VmFigures? figures) =>
        new(new VmId(vmid), 4242, VmRunState.Running, _time.GetUtcNow().AddSeconds(-startedSecondsAgo)) { Figures = figures };
}
