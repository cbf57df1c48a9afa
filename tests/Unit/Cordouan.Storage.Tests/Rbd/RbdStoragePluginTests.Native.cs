using Cordouan.Core.Errors;
using Cordouan.Storage.Rbd.Native;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>The persistent librbd connection: shared by the calls, kept across a monitor restart, retried after a failed connect.</summary>
public sealed partial class RbdStoragePluginTests
{
    [Fact]
    public async Task CloneLinkedAsync_MonitorRestartedBetweenClones_SameConnectionServesBoth()
    {
        var disk = await AllocateAsync(Owner);
        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var first = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        await ceph.RestartMonitorAsync(Cancellation);
        var second = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        Assert.Equal(["base-100-disk-0/vm-101-disk-0", "base-100-disk-0/vm-101-disk-1"], new[] { first.Id.Name, second.Id.Name });
        Assert.Equal(OneMiB, second.SizeBytes);
        Assert.Contains("vm-101-disk-1", await RbdAsync("children", $"{_pool}/{baseName}@__base__"), StringComparison.Ordinal);
        Assert.Equal(1, _native!.Connects);
    }

    [Fact]
    public async Task CloneLinkedAsync_FirstConnectFails_NextCallConnectsOnceTheMonitorsAreRight()
    {
        var disk = await AllocateAsync(Owner);
        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var plugin = NewPlugin(_config.Path, out var clients, connectTimeout: TimeSpan.FromSeconds(2));
        var wrong = Storage with { Id = "moved", MonHost = $"127.0.0.1:{PortAllocator.Next()}" };

        var error = await Assert.ThrowsAnyAsync<CordouanException>(() => plugin.CloneLinkedAsync(wrong, baseName, OtherOwner, Cancellation));
        var clone = await plugin.CloneLinkedAsync(wrong with { MonHost = Storage.MonHost }, baseName, OtherOwner, Cancellation);

        Assert.Contains("ETIMEDOUT", error.Message, StringComparison.Ordinal);
        Assert.Equal("base-100-disk-0/vm-101-disk-0", clone.Id.Name);
        Assert.Equal(2, clients.Connects);
    }

    [Fact]
    public async Task CloneFullAsync_TemplateAndItsLinkedClone_DataCopiedWithoutSnapshotsOrParent()
    {
        var disk = await AllocateAsync(Owner, 4 * OneMiB);
        await WritePatternAsync(disk.Id, 0x3c);
        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var linked = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        var fromTemplate = await Plugin.CloneFullAsync(Storage, baseName, null, OtherOwner, "raw", Cancellation);
        var fromLinked = await Plugin.CloneFullAsync(Storage, linked.Id.Name, null, OtherOwner, "raw", Cancellation);

        foreach (var copy in new[] { fromTemplate, fromLinked })
        {
            Assert.True(await HasPatternAsync(copy.Id, 0x3c), copy.Id.Name);
            Assert.Equal(4 * OneMiB, copy.SizeBytes);
            Assert.Null(copy.Parent);
            Assert.Equal("[]", (await RbdAsync("snap", "ls", "--format", "json", $"{_pool}/{copy.Id.Name}")).Trim());
            Assert.DoesNotContain("parent", await RbdAsync("info", "--format", "json", $"{_pool}/{copy.Id.Name}"), StringComparison.Ordinal);
        }
    }
}
