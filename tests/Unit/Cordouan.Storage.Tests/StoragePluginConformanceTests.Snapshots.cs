using Cordouan.Core.Errors;
using Xunit;

namespace Cordouan.Storage.Tests;

public abstract partial class StoragePluginConformanceTests
{
    [Fact]
    public async Task RollbackAsync_AfterGuestWrite_RestoresSnapshotContent()
    {
        var disk = await AllocateAsync(Owner);
        await WritePatternAsync(disk.Id, 0xaa);
        await Plugin.SnapshotAsync(Storage, disk.Id.Name, "before", Cancellation);
        await WritePatternAsync(disk.Id, 0xbb);
        Assert.True(await HasPatternAsync(disk.Id, 0xbb));

        await Plugin.RollbackAsync(Storage, disk.Id.Name, "before", Cancellation);

        Assert.True(await HasPatternAsync(disk.Id, 0xaa));
    }

    [Fact]
    public async Task SnapshotAsync_ExistingName_ThrowsAlreadyExists()
    {
        var disk = await AllocateAsync(Owner);
        await Plugin.SnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Plugin.SnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation));
    }

    [Fact]
    public async Task DeleteSnapshotAsync_Snapshot_RollbackThenThrowsNotFound()
    {
        var disk = await AllocateAsync(Owner);
        await Plugin.SnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation);

        await Plugin.DeleteSnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Plugin.RollbackAsync(Storage, disk.Id.Name, "s1", Cancellation));
        Assert.Equal("snapshot 's1' does not exist", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => Plugin.DeleteSnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation));
    }
}
