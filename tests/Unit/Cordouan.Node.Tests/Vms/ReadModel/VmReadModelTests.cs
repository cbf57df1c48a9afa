using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tests.Fakes;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cordouan.Node.Tests.Vms.ReadModel;

public sealed class VmReadModelTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);
    private readonly WatchableStore _store = new();
    private readonly VmReadModel _model;

    public VmReadModelTests()
    {
        var repository = new VmRepository(_store, new NodeIdentity("n1", "/nonexistent", "test"));
        _model = new VmReadModel(_store, repository, TimeProvider.System, NullLogger<VmReadModel>.Instance);
    }

    public async ValueTask InitializeAsync() => await _model.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _model.StopAsync(CancellationToken.None);
        _model.Dispose();
    }

    [Fact]
    public async Task ListAsync_KeysSortDifferently_ReturnsVmIdOrder()
    {
        foreach (var vmid in new[] { 1000, 200, 30 })
        {
            Put(vmid, "x");
        }

        var listed = await WaitForListingAsync(l => l.Count == 3, "3 VMs");

        Assert.Equal([30, 200, 1000], listed.Select(v => v.Document.VmId));
    }

    [Fact]
    public async Task ListAsync_NoChangeBetweenReads_ReturnsSameListUntilAChange()
    {
        Put(100, "a");
        var first = await WaitForListingAsync(l => l.Count == 1, "VM 100");

        Assert.Same(first, await _model.ListAsync(TestContext.Current.CancellationToken));

        Put(101, "b");
        var second = await WaitForListingAsync(l => l.Count == 2, "VMs 100 and 101");
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Derived_SameMethod_ReturnsSameCache()
    {
        Assert.Same(_model.Derived(NameOf), _model.Derived(NameOf));
        Assert.NotSame(_model.Derived(NameOf), _model.Derived(OwnerOf));
    }

    [Fact]
    public async Task Derived_VmDeleted_DropsItsEntry()
    {
        Put(100, "a");
        Put(101, "b");
        var cache = _model.Derived(NameOf);
        foreach (var vm in await WaitForListingAsync(l => l.Count == 2, "VMs 100 and 101"))
        {
            cache.Get(vm);
        }
        Assert.Equal(2, cache.Count);

        _store.Delete(ClusterKeys.Vm(new VmId(100)));
        await WaitForListingAsync(l => l.Count == 1, "VM 100 gone");

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Derived_VmRewritten_DerivesFromTheNewRevision()
    {
        Put(100, "before");
        var cache = _model.Derived(NameOf);
        Assert.Equal("before", cache.Get((await WaitForListingAsync(l => l.Count == 1, "VM 100"))[0]));

        Put(100, "after");
        var listed = await WaitForListingAsync(l => l[0].Document.Name == "after", "VM 100 renamed");

        Assert.Equal("after", cache.Get(listed[0]));
    }

    private static string NameOf(VmDocument vm) => vm.Name;

    private static string OwnerOf(VmDocument vm) => vm.Owner;

    private void Put(int vmid, string name) => _store.Put(
        ClusterKeys.Vm(new VmId(vmid)),
        JsonSerializer.SerializeToUtf8Bytes(
            new VmDocument { VmId = vmid, Owner = "n1", Config = new Dictionary<string, string> { ["name"] = name } },
            StateJsonContext.Default.VmDocument));

    /// <summary>Polls the read model (it applies the watch asynchronously) until the listing matches; bounded.</summary>
    private async Task<IReadOnlyList<VersionedVm>> WaitForListingAsync(Func<IReadOnlyList<VersionedVm>, bool> done, string expected)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(WaitTimeout);
        IReadOnlyList<VersionedVm> last = [];
        try
        {
            while (true)
            {
                last = await _model.ListAsync(deadline.Token);
                if (done(last))
                {
                    return last;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"read model never listed {expected} within {WaitTimeout}; last: [{string.Join(", ", last.Select(v => $"{v.Document.VmId}:{v.Document.Name}@{v.Revision}"))}]");
        }
    }
}
