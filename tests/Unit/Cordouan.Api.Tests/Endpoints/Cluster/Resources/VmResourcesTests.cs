using System.Text;
using System.Text.Json.Nodes;
using Cordouan.Api.Endpoints.Cluster.Resources;
using Cordouan.Api.Http;
using Cordouan.Api.Tests.Fakes;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Live;
using Cordouan.Node.Vms.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Cluster.Resources;

/// <summary>Issue 4: the cached <c>/cluster/resources</c> VM items are byte for byte what the per-request projection wrote.</summary>
public sealed class VmResourcesTests
{
    private const string LocalNode = "node1";
    private const int RunningLocal = 100;
    private const int Denied = 105;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeVmDriver _driver = new();
    private readonly VmDerivedCache<byte[]> _cache = new(VmResourceItem.SerializeWithoutRuntime);
    private static readonly NodeLiveFigures HostFigures = new(100, 0.1, 8, 1L << 30, 1L << 34, 1L << 35, 1L << 40);
    private List<VersionedVm> _vms = Sample();

    // node2 runs VM 102 and published recently, node3 too (without its VM, a template), node4 is silent.
    private readonly LiveStatusView _remote = new(new Dictionary<string, LiveStatusView.FreshNode>(StringComparer.Ordinal)
    {
        ["node2"] = LiveStatusView.FreshNode.Of(new NodeLiveDocument(
            NodeLiveDocument.CurrentVersion, HostFigures, [new VmLiveEntry(102, VmRunState.Running, 999, 3600, 0.5, 1L << 28, 1, 2, 3, 4)])),
        ["node3"] = LiveStatusView.FreshNode.Of(new NodeLiveDocument(NodeLiveDocument.CurrentVersion, HostFigures, [])),
    });

    public VmResourcesTests() =>
        // A pid that cannot exist: resident memory reads as 0 on both paths instead of changing between them.
        _driver.Running[new VmId(RunningLocal)] = new VmRuntimeInfo(new VmId(RunningLocal), int.MaxValue, VmRunState.Paused, _time.GetUtcNow().AddSeconds(-3725));

    [Fact]
    public async Task AddAsync_SampleOfVms_WritesSameBytesAsPerRequestProjection()
    {
        var (expected, actual) = await BothPathsAsync(withOtherItems: true);

        Assert.Equal(Encoding.UTF8.GetString(expected.Body), Encoding.UTF8.GetString(actual.Body));
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Contains("\"qmpstatus\":\"paused\"", Encoding.UTF8.GetString(actual.Body), StringComparison.Ordinal);
        Assert.DoesNotContain($"\"qemu/{Denied}\"", Encoding.UTF8.GetString(actual.Body), StringComparison.Ordinal);
        var items = JsonNode.Parse(actual.Body)!["data"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.Equal("running", items["qemu/102"]["status"]!.GetValue<string>());
        Assert.Equal(3600, items["qemu/102"]["uptime"]!.GetValue<long>());
        Assert.Equal(1L << 28, items["qemu/102"]["mem"]!.GetValue<long>());
        Assert.Equal("stopped", items["qemu/103"]["status"]!.GetValue<string>());
        Assert.Equal("unknown", items["qemu/106"]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddAsync_SecondRequest_ServesCachedItemsUnchanged()
    {
        await BothPathsAsync(withOtherItems: false);
        var cached = _cache.Count;

        var (expected, actual) = await BothPathsAsync(withOtherItems: false);

        Assert.Equal(expected.Body, actual.Body);
        // Every allowed VM but the running ones and the unknown one (projected fresh each time) has its item cached.
        Assert.Equal(_vms.Count - 4, cached);
        Assert.Equal(cached, _cache.Count);
    }

    [Fact]
    public async Task AddAsync_VmChangedAtNewRevision_WritesTheNewDocument()
    {
        await BothPathsAsync(withOtherItems: false);
        var index = _vms.FindIndex(v => v.Document.VmId == 101);
        var old = _vms[index];
        _vms = [.. _vms];
        _vms[index] = new VersionedVm(old.Document.WithConfig("name", "renamed") with { Lock = "migrate" }, old.Revision + 100);

        var (expected, actual) = await BothPathsAsync(withOtherItems: false);

        Assert.Equal(expected.Body, actual.Body);
        Assert.Contains("\"name\":\"renamed\"", Encoding.UTF8.GetString(actual.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_CachedVmStartsAndStops_FollowsItsRuntime()
    {
        await BothPathsAsync(withOtherItems: false);
        _driver.Running[new VmId(104)] = new VmRuntimeInfo(new VmId(104), int.MaxValue, VmRunState.Running, _time.GetUtcNow().AddSeconds(-5));

        var (expected, actual) = await BothPathsAsync(withOtherItems: false);
        Assert.Equal(expected.Body, actual.Body);

        _driver.Running.Remove(new VmId(104));
        _time.Advance(TimeSpan.FromMinutes(1));
        (expected, actual) = await BothPathsAsync(withOtherItems: false);
        Assert.Equal(expected.Body, actual.Body);
    }

    [Fact]
    public async Task AddAsync_NoVms_WritesEmptyListLikePveResult()
    {
        _vms = [];

        var (expected, actual) = await BothPathsAsync(withOtherItems: false);

        Assert.Equal("{\"data\":[]}", Encoding.UTF8.GetString(actual.Body));
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Headers, actual.Headers);
    }

    private async Task<(Response Expected, Response Actual)> BothPathsAsync(bool withOtherItems)
    {
        var ct = TestContext.Current.CancellationToken;

        // The handler as it was before issue 4: one JsonObject per VM, serialized by PveResult.
        var items = new JsonArray();
        foreach (var vm in _vms)
        {
            if (!Allowed($"/vms/{vm.Document.VmId}", "VM.Audit"))
            {
                continue;
            }
            var live = vm.Document.Owner == LocalNode
                ? await _driver.GetAsync(vm.Document.Id, ct) is { } runtime ? VmLive.Running(runtime) : VmLive.Stopped
                : _remote.Vm(vm.Document.Owner, vm.Document.VmId, _time.GetUtcNow());
            var item = VmProjection.Summary(vm.Document, live, _time.GetUtcNow());
            item["id"] = $"qemu/{vm.Document.VmId}";
            item["type"] = "qemu";
            item["node"] = vm.Document.Owner;
            items.Add(item);
        }
        if (withOtherItems)
        {
            items.Add(NodeItem());
            items.Add(StorageItem());
        }
        var expected = await ExecuteAsync(PveResult.List(items));

        // A small capacity hint makes the pooled buffer grow while writing.
        using var list = new ResourceListWriter(capacityHint: 64);
        await VmResources.AddAsync(list, _vms, _cache, Allowed, LocalNode, _driver, _remote, _time, ct);
        if (withOtherItems)
        {
            list.Add(NodeItem());
            list.Add(StorageItem());
        }
        var actual = await ExecuteAsync(list.ToResult());
        return (expected, actual);
    }

    private static bool Allowed(string path, string privilege) => privilege == "VM.Audit" && path != $"/vms/{Denied}";

    private static JsonObject NodeItem() => new() { ["node"] = LocalNode, ["status"] = "online", ["level"] = "", ["id"] = $"node/{LocalNode}", ["type"] = "node" };

    private static JsonObject StorageItem() => new()
    {
        ["id"] = $"storage/{LocalNode}/local",
        ["type"] = "storage",
        ["storage"] = "local",
        ["shared"] = 0,
        ["disk"] = 1L << 33,
        ["maxdisk"] = 1L << 40,
    };

    private static async Task<Response> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        var headers = $"{context.Response.StatusCode} {context.Response.ContentType} {context.Response.ContentLength}";
        return new Response(body.ToArray(), headers);
    }

    /// <summary>A running local VM, a stopped local one, a remote one with characters JSON escapes, a template, a locked one, a denied one, a bare one.</summary>
    private static List<VersionedVm> Sample() =>
    [
        Vm(RunningLocal, LocalNode, 11, new()
        {
            ["name"] = "web", ["memory"] = "2048", ["cores"] = "2", ["sockets"] = "2", ["tags"] = "prod;web", ["serial0"] = "socket",
            ["scsi0"] = "local:100/vm-100-disk-0.qcow2,size=32G", ["ide2"] = "none,media=cdrom", ["net0"] = "virtio=BC:24:11:00:00:01,bridge=vmbr0",
        }),
        Vm(101, LocalNode, 12, new() { ["name"] = "db", ["memory"] = "4096", ["virtio0"] = "local:101/vm-101-disk-0.qcow2,size=10G" }),
        Vm(102, "node2", 13, new() { ["name"] = "caf\u00e9-<&>'\"\\", ["tags"] = "\u00e9t\u00e9", ["memory"] = "1024", ["scsi1"] = "local:102/vm-102-disk-1.raw,size=512M" }),
        Vm(103, "node3", 14, new() { ["name"] = "tpl", ["template"] = "1", ["scsi0"] = "local:103/base-103-disk-0.qcow2,size=8G" }),
        Vm(104, LocalNode, 15, new() { ["name"] = "locked", ["cores"] = "4" }),
        Vm(Denied, "node2", 16, new() { ["name"] = "secret" }),
        Vm(106, "node4", 17, []),
    ];

    private static VersionedVm Vm(int vmid, string owner, long revision, Dictionary<string, string> config)
    {
        var document = new VmDocument { VmId = vmid, Owner = owner, Config = config, Lock = vmid == 104 ? "backup" : null };
        return new VersionedVm(document, revision);
    }

    private sealed record Response(byte[] Body, string Headers);
}
