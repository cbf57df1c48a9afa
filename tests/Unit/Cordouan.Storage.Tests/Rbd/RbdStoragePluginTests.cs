using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Images;
using Cordouan.Storage.Rbd;
using Cordouan.Storage.Rbd.Native;
using Cordouan.Testing;
using Cordouan.Testing.Ceph;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>
/// The conformance suite plus rbd specifics, against a real one-OSD Ceph cluster; each test gets its own empty pool.
/// The storage is declared as an external cluster (monhost + keyring), the form that needs no Cordouan-deployed Ceph.
/// </summary>
public sealed partial class RbdStoragePluginTests(MicroCephCluster ceph) : StoragePluginConformanceTests, IClassFixture<MicroCephCluster>
{
    private string _pool = "";
    private readonly TempDirectory _config = new("cordouan-rbd-config");
    private readonly List<RbdClients> _clients = [];
    private RbdClients? _native;
    private RbdStoragePlugin? _plugin;
    private StorageDefinition? _storage;

    protected override IStoragePlugin Plugin => _plugin!;

    protected override StorageDefinition Storage => _storage!;

    protected override string Format => "raw";

    private RbdCommands Commands { get; } = new(new ProcessRunner(), new RbdStorageOptions { ConfigDirectory = "/unused" });

    protected override async ValueTask CreateStorageAsync(CancellationToken cancellationToken)
    {
        Requirements.CephDaemons();
        _pool = await ceph.TakePoolAsync(cancellationToken);
        _plugin = NewPlugin(_config.Path, out _native);
        _storage = new StorageDefinition { Id = "ceph", Type = "rbd", Pool = _pool, MonHost = ceph.MonHost, Keyring = ceph.AdminKeyring };
    }

    protected override ValueTask DestroyStorageAsync()
    {
        if (_storage is not null)
        {
            ceph.ReturnPool(_pool);
        }
        foreach (var clients in _clients)
        {
            clients.Dispose();
        }
        _config.Dispose();
        return ValueTask.CompletedTask;
    }

    private RbdStoragePlugin NewPlugin(string configDirectory, ICephClientConfig? local = null, TimeSpan? connectTimeout = null) =>
        NewPlugin(configDirectory, out _, local, connectTimeout);

    /// <summary>A plugin with its own librados connections (shut down with the test).</summary>
    private RbdStoragePlugin NewPlugin(string configDirectory, out RbdClients clients, ICephClientConfig? local = null, TimeSpan? connectTimeout = null)
    {
        var options = new RbdStorageOptions { ConfigDirectory = configDirectory, ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(15) };
        var runner = new ProcessRunner();
        clients = new RbdClients(options);
        _clients.Add(clients);
        return new RbdStoragePlugin(new RbdCommands(runner, options), new RbdConnections(options, local), clients, new QemuImg(runner), TimeProvider.System, NullLogger<RbdStoragePlugin>.Instance);
    }

    /// <summary>Runs the rbd CLI against the test pool as an operator would, to check what the plugin left there.</summary>
    private async Task<string> RbdAsync(params string[] arguments) =>
        (await Runner.RunCheckedAsync(["rbd", "--conf", ceph.Conf, .. arguments], Cancellation)).StandardOutput;

    [Fact]
    public void Capabilities_Rbd_SharedRawWithSnapshotsLinkedClonesAndFencing()
    {
        Assert.Equal("rbd", Plugin.Type);
        Assert.Equal(new StorageCapabilities(true, true, true, true, Plugin.Capabilities.Formats), Plugin.Capabilities);
        Assert.Equal(["raw"], Plugin.Capabilities.Formats);
    }

    [Fact]
    public async Task AllocateAsync_Raw_CreatesProxmoxNamedImageQemuCanOpen()
    {
        var disk = await AllocateAsync(Owner);

        Assert.Equal("vm-100-disk-0", disk.Id.Name);
        Assert.Equal("raw", disk.Format);
        Assert.Equal($"rbd:{_pool}/vm-100-disk-0:conf={_config.Combine("ceph.conf")}:id=admin", Plugin.PathOf(Storage, disk.Id.Name));
        Assert.Contains("\"vm-100-disk-0\"", await RbdAsync("ls", "--format", "json", _pool), StringComparison.Ordinal);
        var location = await ((IRbdVolumeSource)Plugin).LocateAsync(Storage, disk.Id.Name, Cancellation);
        Assert.Equal(new RbdLocation(_pool, "vm-100-disk-0", _config.Combine("ceph.conf"), "admin"), location);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_config.Combine("ceph.keyring")));
    }

    [Fact]
    public async Task AllocateAsync_Qcow2_RefusedAndNothingCreated()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Plugin.AllocateAsync(Storage, Owner, OneMiB, "qcow2", Cancellation));

        Assert.Equal("format 'qcow2' is not supported on rbd storage (raw)", error.Errors["format"]);
        Assert.Empty(await Plugin.ListAsync(Storage, null, Cancellation));
    }

    [Fact]
    public async Task CreateBaseAsync_Disk_RenamedWithProtectedBaseSnapshot()
    {
        var disk = await AllocateAsync(Owner);

        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);

        Assert.Equal("base-100-disk-0", baseName);
        var snapshots = await RbdAsync("snap", "ls", "--format", "json", $"{_pool}/{baseName}");
        Assert.Contains("\"name\":\"__base__\"", snapshots, StringComparison.Ordinal);
        Assert.Contains("\"protected\":\"true\"", snapshots, StringComparison.Ordinal);
        var clone = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);
        Assert.Equal("base-100-disk-0/vm-101-disk-0", clone.Id.Name);
        var again = await Assert.ThrowsAsync<ValidationException>(() => Plugin.CreateBaseAsync(Storage, baseName, Cancellation));
        Assert.Contains("already a base volume", again.Errors["volume"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivateAsync_UnknownPool_ThrowsValidationOnPool()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Plugin.ActivateAsync(Storage with { Pool = "nosuchpool" }, Cancellation));

        Assert.Equal("pool 'nosuchpool' does not exist on the Ceph cluster", error.Errors["pool"]);
    }

    [Fact]
    public async Task StatusAsync_ClusterUnreachable_ReportsInactiveWithinTheConnectTimeout()
    {
        var plugin = NewPlugin(_config.Path, connectTimeout: TimeSpan.FromSeconds(2));
        var dead = Storage with { Id = "dead", MonHost = $"127.0.0.1:{PortAllocator.Next()}" };

        var status = await plugin.StatusAsync(dead, Cancellation);

        Assert.False(status.Active);
        await Assert.ThrowsAsync<CordouanException>(() => plugin.AllocateAsync(dead, Owner, OneMiB, "raw", Cancellation));
    }

    [Fact]
    public async Task ListAsync_ForeignImagesInPool_AreIgnored()
    {
        await RbdAsync("create", "--size", "1M", $"{_pool}/not-a-vm-disk");
        var disk = await AllocateAsync(Owner);

        var listed = await Plugin.ListAsync(Storage, null, Cancellation);

        Assert.Equal([disk.Id], listed.Select(v => v.Id));
        Assert.True(listed[0].Created > DateTimeOffset.UtcNow.AddHours(-1), $"creation time {listed[0].Created}");
    }

    [Fact]
    public async Task SnapshotAsync_TemplateSnapshotName_Refused()
    {
        var disk = await AllocateAsync(Owner);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Plugin.SnapshotAsync(Storage, disk.Id.Name, "__base__", Cancellation));

        Assert.Contains("reserved", error.Errors["snapname"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_VolumeOfThisStorage_CopiesIt()
    {
        var disk = await AllocateAsync(Owner, 2 * OneMiB);
        await WritePatternAsync(disk.Id, 0x5a);

        var copy = await Plugin.ImportAsync(Storage, OtherOwner, disk.Id.Name, "raw", Cancellation);

        Assert.Equal("vm-101-disk-0", copy.Id.Name);
        Assert.True(await HasPatternAsync(copy.Id, 0x5a));
    }

    [Fact]
    public async Task LocalCluster_ClientFilesFromTheCephSeam_UsedForImagesAndQemu()
    {
        var local = new FixedCephClientConfig(ceph.Conf, ceph.AdminKeyringPath);
        var plugin = NewPlugin(_config.Path, local);
        var storage = new StorageDefinition { Id = "vms", Type = "rbd", Pool = _pool };

        var disk = await plugin.AllocateAsync(storage, Owner, OneMiB, "raw", Cancellation);

        Assert.Equal(1, local.Prepared);
        Assert.Equal($"rbd:{_pool}/vm-100-disk-0:conf={ceph.Conf}:id=admin", plugin.PathOf(storage, disk.Id.Name));
        Assert.False(File.Exists(_config.Combine("vms.conf")));
    }

    /// <summary>Hand-written fake of the Ceph seam: fixed client files, counting preparations.</summary>
    private sealed class FixedCephClientConfig(string conf, string keyring) : ICephClientConfig
    {
        public int Prepared { get; private set; }

        public CephClientFiles Files { get; } = new(conf, keyring);

        public Task PrepareAsync(CancellationToken cancellationToken)
        {
            Prepared++;
            return Task.CompletedTask;
        }
    }
}
