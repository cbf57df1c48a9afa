using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Node.Cluster;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tests.Fakes;
using Cordouan.Node.Vms;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

/// <summary>The HA configuration use cases against an in-memory store seeded with nodes, storages and VMs.</summary>
public sealed class HaConfigServiceTests : IDisposable
{
    private readonly WatchableStore _store = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly HaConfigService _ha;

    public HaConfigServiceTests()
    {
        var identity = new NodeIdentity("n1", "/nonexistent", "test");
        _ha = new HaConfigService(
            new HaConfigRepository(_store), new VmRepository(_store, identity), new StorageRegistry(_store, _services, identity),
            new ClusterView(_store, identity, new QuorateCluster()), TimeProvider.System);
        PutNode("n1");
        PutNode("n2");
        PutNode("w1", witness: true);
        Put(ClusterKeys.Storage("local"), new StorageDefinition { Id = "local", Type = "dir", Path = "/x" }, StateJsonContext.Default.StorageDefinition);
        Put(ClusterKeys.Storage("nfs"), new StorageDefinition { Id = "nfs", Type = "dir", Path = "/mnt/nfs", Shared = true }, StateJsonContext.Default.StorageDefinition);
        PutVm(100, "nfs:100/vm-100-disk-0.qcow2,size=1G");
        PutVm(101, "local:101/vm-101-disk-0.qcow2,size=1G");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task CreateResource_BareIdOnSharedStorage_StoredAsVmSidWithDefaults()
    {
        await _ha.CreateResourceAsync("100", new HaResourceChange { State = "enabled", MaxRestart = 2 }, Ct);

        var stored = (await _ha.GetResourceAsync("vm:100", Ct)).Document;
        Assert.Equal(("vm:100", 100, HaStates.Started, 2, 1, true), (stored.Sid, stored.VmId, stored.State, stored.MaxRestart, stored.MaxRelocate, stored.Failback));
        Assert.NotNull(await _store.GetAsync(ClusterKeys.HaResource("vm:100"), Ct));
    }

    [Fact]
    public async Task CreateResource_UnknownVm_NotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _ha.CreateResourceAsync("vm:150", new HaResourceChange(), Ct));

        Assert.Equal("resource 'vm:150' does not exist in cluster", error.Message);
    }

    [Fact]
    public async Task CreateResource_DiskOnLocalStorage_400NamingDiskAndStorage()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _ha.CreateResourceAsync("vm:101", new HaResourceChange(), Ct));

        Assert.Equal("HA needs shared storage: disk scsi0 is on local storage 'local' - move it to a shared storage first", error.Errors["sid"]);
        Assert.Empty(await _ha.ListResourcesAsync(Ct));
    }

    [Fact]
    public async Task CreateResource_Template_400()
    {
        PutVm(102, "nfs:102/base-102-disk-0.qcow2", template: true);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _ha.CreateResourceAsync("102", new HaResourceChange(), Ct));

        Assert.Contains("template", error.Errors["sid"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateResource_UnknownGroup_NotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _ha.CreateResourceAsync("100", new HaResourceChange { Group = "g1" }, Ct));

        Assert.Equal("HA group 'g1' does not exist", error.Message);
    }

    [Fact]
    public async Task CreateResource_Twice_AlreadyDefined()
    {
        await _ha.CreateResourceAsync("vm:100", new HaResourceChange(), Ct);

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => _ha.CreateResourceAsync("100", new HaResourceChange(), Ct));

        Assert.Equal("resource ID 'vm:100' already defined", error.Message);
    }

    [Fact]
    public async Task UpdateResource_StaleDigest_RefusedAndUnchanged()
    {
        await _ha.CreateResourceAsync("vm:100", new HaResourceChange(), Ct);
        var stale = (await _ha.GetResourceAsync("100", Ct)).Digest;
        await _ha.UpdateResourceAsync("vm:100", new HaResourceChange { Comment = "first" }, stale, Ct);

        var error = await Assert.ThrowsAsync<ConfigConflictException>(() => _ha.UpdateResourceAsync("vm:100", new HaResourceChange { Comment = "second" }, stale, Ct));

        Assert.Equal("detected modified configuration - file changed by other user? Try again.", error.Message);
        Assert.Equal("first", (await _ha.GetResourceAsync("vm:100", Ct)).Document.Comment);
    }

    [Fact]
    public async Task UpdateResource_CurrentDigestAndDelete_Applied()
    {
        await CreateGroupAsync("g1", "n1");
        await _ha.CreateResourceAsync("vm:100", new HaResourceChange { Group = "g1", MaxRelocate = 3 }, Ct);
        var digest = (await _ha.GetResourceAsync("100", Ct)).Digest;

        await _ha.UpdateResourceAsync("100", new HaResourceChange { State = HaStates.Stopped, Delete = ["group", "max_relocate"] }, digest.ToUpperInvariant(), Ct);

        var stored = (await _ha.GetResourceAsync("vm:100", Ct)).Document;
        Assert.Equal((HaStates.Stopped, (string?)null, 1), (stored.State, stored.Group, stored.MaxRelocate));
    }

    [Fact]
    public async Task UpdateResource_Missing_NoSuchResource() =>
        Assert.Equal("no such resource 'vm:100'",
            (await Assert.ThrowsAsync<NotFoundException>(() => _ha.UpdateResourceAsync("100", new HaResourceChange { Comment = "x" }, null, Ct))).Message);

    [Fact]
    public async Task DeleteResource_ThenAgain_NotHaManaged()
    {
        await _ha.CreateResourceAsync("vm:100", new HaResourceChange(), Ct);

        await _ha.DeleteResourceAsync("100", Ct);

        Assert.Equal("cannot delete service 'vm:100', not HA managed!",
            (await Assert.ThrowsAsync<NotFoundException>(() => _ha.DeleteResourceAsync("vm:100", Ct))).Message);
    }

    [Fact]
    public async Task CreateGroup_Nodes_StoredHighestPriorityFirst()
    {
        await _ha.CreateGroupAsync("g1", new HaGroupChange { Nodes = "n2,n1:5", Restricted = true }, Ct);

        var group = (await _ha.GetGroupAsync("g1", Ct)).Document;
        Assert.Equal([new("n1", 5), new("n2", 0)], group.Nodes);
        Assert.True(group.Restricted);
        Assert.False(group.NoFailback);
    }

    [Fact]
    public async Task CreateGroup_UnknownNode_400NamingNodes()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _ha.CreateGroupAsync("g1", new HaGroupChange { Nodes = "n1,n9" }, Ct));

        Assert.Equal("no such cluster node 'n9'", error.Errors["nodes"]);
        Assert.Empty(await _ha.ListGroupsAsync(Ct));
    }

    [Fact]
    public async Task CreateGroup_Witness_400NamingNodes() =>
        Assert.Contains("witness",
            (await Assert.ThrowsAsync<ValidationException>(() => _ha.CreateGroupAsync("g1", new HaGroupChange { Nodes = "w1" }, Ct))).Errors["nodes"],
            StringComparison.Ordinal);

    [Fact]
    public async Task CreateGroup_Twice_AlreadyDefined()
    {
        await CreateGroupAsync("g1", "n1");

        Assert.Equal("ha group ID 'g1' already defined",
            (await Assert.ThrowsAsync<AlreadyExistsException>(() => CreateGroupAsync("g1", "n2"))).Message);
    }

    [Fact]
    public async Task UpdateGroup_StaleDigest_Refused()
    {
        await CreateGroupAsync("g1", "n1");
        var stale = (await _ha.GetGroupAsync("g1", Ct)).Digest;
        await _ha.UpdateGroupAsync("g1", new HaGroupChange { Nodes = "n1,n2" }, stale, Ct);

        await Assert.ThrowsAsync<ConfigConflictException>(() => _ha.UpdateGroupAsync("g1", new HaGroupChange { NoFailback = true }, stale, Ct));

        Assert.False((await _ha.GetGroupAsync("g1", Ct)).Document.NoFailback);
    }

    [Fact]
    public async Task DeleteGroup_UsedByResource_RefusedUntilTheResourceLeaves()
    {
        await CreateGroupAsync("g1", "n1");
        await _ha.CreateResourceAsync("vm:100", new HaResourceChange { Group = "g1" }, Ct);

        var error = await Assert.ThrowsAsync<InUseException>(() => _ha.DeleteGroupAsync("g1", Ct));
        Assert.Equal("ha group 'g1' is used by resource 'vm:100'", error.Message);

        await _ha.UpdateResourceAsync("vm:100", new HaResourceChange { Delete = ["group"] }, null, Ct);
        await _ha.DeleteGroupAsync("g1", Ct);
        Assert.Equal("no such ha group 'g1'", (await Assert.ThrowsAsync<NotFoundException>(() => _ha.GetGroupAsync("g1", Ct))).Message);
    }

    private Task<HaGroupDocument> CreateGroupAsync(string name, string nodes) => _ha.CreateGroupAsync(name, new HaGroupChange { Nodes = nodes }, Ct);

    private void PutNode(string name, bool witness = false) =>
        Put(ClusterKeys.Node(name), new NodeDocument { Name = name, Address = "127.0.0.1", Roles = [witness ? NodeDocument.WitnessRole : NodeDocument.HypervisorRole] },
            StateJsonContext.Default.NodeDocument);

    private void PutVm(int vmid, string scsi0, bool template = false)
    {
        var config = new Dictionary<string, string> { ["scsi0"] = scsi0 };
        if (template)
        {
            config["template"] = "1";
        }
        Put(ClusterKeys.Vm(new VmId(vmid)), new VmDocument { VmId = vmid, Owner = "n1", Config = config }, StateJsonContext.Default.VmDocument);
    }

    private void Put<T>(string key, T document, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> json) =>
        _store.Put(key, JsonSerializer.SerializeToUtf8Bytes(document, json));

    private sealed class QuorateCluster : IQuorumState
    {
        public bool IsQuorate => true;

        public DateTimeOffset? LostSince => null;

        public string? Reason => null;

        public string? LeaderName => "n1";
    }
}
