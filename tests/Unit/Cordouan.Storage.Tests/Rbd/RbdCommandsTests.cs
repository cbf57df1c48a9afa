using Cordouan.Core.Errors;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Rbd;
using Cordouan.Storage.Rbd.Json;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>Argument arrays and the parsing of outputs captured from Ceph 16.2 (pacific).</summary>
public sealed class RbdCommandsTests
{
    private static readonly RbdConnection Client = new("/var/lib/cordouan/ceph/ceph.conf", "/var/lib/cordouan/ceph/ceph.client.admin.keyring", "admin");
    private readonly RbdCommands _commands = new(new ProcessRunner(), new RbdStorageOptions { ConfigDirectory = "/unused", ConnectTimeout = TimeSpan.FromSeconds(7) });

    [Fact]
    public void RbdArgv_ClientOptionsAndMountTimeoutBeforeTheCommand()
    {
        Assert.Equal(
            ["rbd", "--conf", Client.ConfPath, "--keyring", Client.KeyringPath, "--id", "admin", "--client_mount_timeout", "7",
             "clone", "vms/base-100-disk-0@__base__", "vms/vm-101-disk-0"],
            _commands.RbdArgv(Client, "clone", RbdCommands.SnapshotSpec("vms", "base-100-disk-0", "__base__"), RbdCommands.ImageSpec("vms", "vm-101-disk-0")));
    }

    [Fact]
    public void CephArgv_UsesConnectTimeout()
    {
        Assert.Equal(
            ["ceph", "--conf", Client.ConfPath, "--keyring", Client.KeyringPath, "--id", "admin", "--connect-timeout", "7", "df", "--format", "json"],
            _commands.CephArgv(Client, "df", "--format", "json"));
    }

    [Fact]
    public void SnapshotArgv_NoProgressOnlyWhereRbdAcceptsIt()
    {
        Assert.Equal(["snap", "protect", "vms/base-100-disk-0@__base__"], _commands.SnapshotArgv(Client, "protect", "vms", "base-100-disk-0", "__base__").Skip(9));
        Assert.Equal(["snap", "create", "--no-progress", "vms/vm-100-disk-0@s1"], _commands.SnapshotArgv(Client, "create", "vms", "vm-100-disk-0", "s1").Skip(9));
    }

    [Fact]
    public void SizeArgument_AlwaysInBytes()
    {
        // A bare number would be MiB to rbd.
        Assert.Equal("4194304B", RbdCommands.SizeArgument(4 * 1024 * 1024));
    }

    [Fact]
    public void Parse_ListLong_ImagesSnapshotsAndParent()
    {
        const string output = """
            [{"image":"base-100-disk-0","id":"102e3994bdf3","size":4194304,"format":2},
             {"image":"base-100-disk-0","id":"102e3994bdf3","snapshot":"__base__","snapshot_id":5,"size":4194304,"format":2,"protected":"true"},
             {"image":"vm-101-disk-0","id":"1048f526355f","size":4194304,"parent":{"pool":"rbd","pool_namespace":"","image":"base-100-disk-0","snapshot":"__base__"},"format":2}]
            """;

        var entries = RbdCommands.Parse(output, RbdJsonContext.Default.IReadOnlyListRbdListEntry, "rbd ls -l");

        Assert.Equal(3, entries.Count);
        Assert.Equal("__base__", entries[1].Snapshot);
        Assert.Equal(("rbd", "base-100-disk-0", "__base__"), (entries[2].Parent!.Pool, entries[2].Parent!.Image, entries[2].Parent!.Snapshot));
    }

    [Fact]
    public void Parse_Info_SizeTimestampAndParent()
    {
        const string output = """
            {"name":"vm-101-disk-0","id":"1048f526355f","size":4194304,"objects":1,"order":22,"object_size":4194304,"snapshot_count":0,
             "block_name_prefix":"rbd_data.1048f526355f","format":2,"features":["layering","exclusive-lock","object-map","fast-diff","deep-flatten"],
             "op_features":[],"flags":[],"create_timestamp":"Wed Nov 25 22:53:04 2026","access_timestamp":"Wed Nov 25 22:53:04 2026",
             "modify_timestamp":"Wed Nov 25 22:53:04 2026","parent":{"pool":"rbd","pool_namespace":"","image":"base-100-disk-0","id":"102e3994bdf3",
             "snapshot":"__base__","trash":false,"overlap":4194304}}
            """;

        var info = RbdCommands.Parse(output, RbdJsonContext.Default.RbdImageInfo, "rbd info");

        Assert.Equal(4194304, info.Size);
        Assert.Equal("base-100-disk-0", info.Parent?.Image);
        Assert.Equal(new DateTime(2026, 11, 25, 22, 53, 4), RbdTimestamps.TryParse(info.CreateTimestamp)!.Value.DateTime);
    }

    [Fact]
    public void Parse_SnapshotsAndChildren()
    {
        var snapshots = RbdCommands.Parse("""[{"id":4,"name":"s1","size":4194304,"protected":"false","timestamp":"Wed Nov 25 22:53:02 2026"},{"id":5,"name":"__base__","size":4194304,"protected":"true","timestamp":"Wed Nov 25 22:53:03 2026"}]""",
            RbdJsonContext.Default.IReadOnlyListRbdSnapshot, "rbd snap ls");
        var children = RbdCommands.Parse("""[{"pool":"rbd","pool_namespace":"","image":"vm-101-disk-0"}]""", RbdJsonContext.Default.IReadOnlyListRbdChild, "rbd children");

        Assert.Equal([false, true], snapshots.Select(s => s.IsProtected));
        Assert.Equal("vm-101-disk-0", Assert.Single(children).Image);
    }

    [Fact]
    public void Parse_DiskUsage_HeadUsageWithoutSnapshots()
    {
        const string output = """
            {"images":[{"name":"base-100-disk-0","id":"102e3994bdf3","snapshot":"__base__","snapshot_id":5,"provisioned_size":4194304,"used_size":4096},
             {"name":"base-100-disk-0","id":"102e3994bdf3","provisioned_size":4194304,"used_size":8192}],"total_provisioned_size":4194304,"total_used_size":12288}
            """;

        var usage = RbdCommands.Parse(output, RbdJsonContext.Default.RbdDiskUsage, "rbd du");

        Assert.Equal(8192, usage.UsedBy("base-100-disk-0"));
        Assert.Null(usage.UsedBy("vm-101-disk-0"));
    }

    [Fact]
    public void Parse_CephDf_PoolStoredAndMaxAvail()
    {
        const string output = """
            {"stats":{"total_bytes":2147483648,"total_avail_bytes":1843154944,"total_used_bytes":304328704,"total_used_raw_bytes":304328704,
             "total_used_raw_ratio":0.14171409606933594,"num_osds":1,"num_per_pool_osds":1,"num_per_pool_omap_osds":1},
             "pools":[{"name":"rbd","id":1,"stats":{"stored":19,"objects":1,"kb_used":4,"bytes_used":4096,"percent_used":2.3597394829266705e-06,"max_avail":1735780736}}]}
            """;

        var pool = Assert.Single(RbdCommands.Parse(output, RbdJsonContext.Default.CephDfPools, "ceph df").Pools);

        Assert.Equal(("rbd", 19L, 1735780736L), (pool.Name, pool.Stats.Stored, pool.Stats.MaxAvail));
    }

    [Fact]
    public void Parse_NotJson_ThrowsNamingTheCommand()
    {
        var error = Assert.Throws<CordouanException>(() => RbdCommands.Parse("rbd: oops", RbdJsonContext.Default.RbdImageInfo, "rbd info"));

        Assert.StartsWith("Failed to read the output of 'rbd info'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_DropsLibrbdLogLines()
    {
        var error = new ExternalCommandException("x", ["rbd"], 16,
            "2026-11-25T22:55:55.488+0000 7fb6 -1 librbd::SnapshotUnprotectRequest: cannot unprotect | rbd: unprotecting snap failed: (16) Device or resource busy");

        Assert.Equal("rbd: unprotecting snap failed: (16) Device or resource busy", RbdStoragePlugin.Reason(error));
    }

    [Fact]
    public void BlocklistAddArgv_AddressAndWholeSeconds()
    {
        Assert.Equal(["osd", "blocklist", "add", "10.0.0.1:0/2239726992", "86400"],
            _commands.BlocklistAddArgv(Client, "10.0.0.1:0/2239726992", TimeSpan.FromHours(24)).Skip(9));
    }

    [Fact]
    public void ParseBlocklist_AddressAndRangeArraysOfPacific_KeepsAddressRows()
    {
        const string output = "\n[{\"addr\":\"127.0.0.1:0/12345\",\"until\":\"2026-11-26T01:24:31.065803+0000\"}][{\"range\":\"10.0.0.0:0/24\",\"until\":\"2026-11-26T01:24:31.065803+0000\"}]";

        var entries = RbdCommands.ParseBlocklist(output);

        Assert.Equal(["127.0.0.1:0/12345"], entries.Select(e => e.Address));
        Assert.Empty(RbdCommands.ParseBlocklist("\n[][]"));
        Assert.Throws<CordouanException>(() => RbdCommands.ParseBlocklist("[{"));
    }
}
