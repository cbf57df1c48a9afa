using Cordouan.Core.Errors;
using Xunit;

namespace Cordouan.Storage.Tests;

public abstract partial class StoragePluginConformanceTests
{
    [Fact]
    public async Task CloneLinkedAsync_FromBase_SeesBaseDataAndKeepsWritesApart()
    {
        var disk = await AllocateAsync(Owner);
        await WritePatternAsync(disk.Id, 0xaa);
        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var baseInfo = await Plugin.InfoAsync(Storage, baseName, Cancellation);

        var clone = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        Assert.Equal(baseInfo.Id, clone.Parent);
        Assert.Equal(OtherOwner, clone.Owner);
        Assert.Equal(baseInfo.SizeBytes, clone.SizeBytes);
        Assert.True(await HasPatternAsync(clone.Id, 0xaa));
        await WritePatternAsync(clone.Id, 0xbb);
        Assert.True(await HasPatternAsync(clone.Id, 0xbb));
        Assert.True(await HasPatternAsync(baseInfo.Id, 0xaa));
        Assert.Equal(baseInfo.Id, (await Plugin.InfoAsync(Storage, clone.Id.Name, Cancellation)).Parent);
        Assert.Contains(await Plugin.ListAsync(Storage, OtherOwner, Cancellation), v => v.Id == clone.Id && v.Parent == baseInfo.Id);
    }

    [Fact]
    public async Task FreeAsync_BaseWithLinkedClone_RefusesNamingTheClone()
    {
        var disk = await AllocateAsync(Owner);
        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var clone = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        var error = await Assert.ThrowsAsync<CordouanException>(() => Plugin.FreeAsync(Storage, baseName, Cancellation));

        Assert.Contains(clone.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(await Plugin.ListAsync(Storage, Owner, Cancellation), v => v.Id.Name == baseName);
        await Plugin.FreeAsync(Storage, clone.Id.Name, Cancellation);
        await Plugin.FreeAsync(Storage, baseName, Cancellation);
        Assert.Empty(await Plugin.ListAsync(Storage, null, Cancellation));
    }

    [Fact]
    public async Task CloneFullAsync_Disk_IsIndependentOfSource()
    {
        var disk = await AllocateAsync(Owner);
        await WritePatternAsync(disk.Id, 0xaa);

        var copy = await Plugin.CloneFullAsync(Storage, disk.Id.Name, null, OtherOwner, Format, Cancellation);
        await WritePatternAsync(disk.Id, 0xbb);

        Assert.Null(copy.Parent);
        Assert.Equal(OtherOwner, copy.Owner);
        Assert.Equal(disk.SizeBytes, copy.SizeBytes);
        Assert.True(await HasPatternAsync(copy.Id, 0xaa));
        await Plugin.FreeAsync(Storage, disk.Id.Name, Cancellation);
        Assert.True(await HasPatternAsync(copy.Id, 0xaa));
    }

    [Fact]
    public async Task CloneFullAsync_FromSnapshot_CopiesSnapshotContent()
    {
        var disk = await AllocateAsync(Owner);
        await WritePatternAsync(disk.Id, 0xaa);
        await Plugin.SnapshotAsync(Storage, disk.Id.Name, "s1", Cancellation);
        await WritePatternAsync(disk.Id, 0xbb);

        var copy = await Plugin.CloneFullAsync(Storage, disk.Id.Name, "s1", OtherOwner, Format, Cancellation);

        Assert.True(await HasPatternAsync(copy.Id, 0xaa));
        Assert.True(await HasPatternAsync(disk.Id, 0xbb));
    }

    [Fact]
    public async Task CloneFullAsync_MissingSnapshot_ThrowsNotFoundAndCreatesNothing()
    {
        var disk = await AllocateAsync(Owner);

        await Assert.ThrowsAsync<NotFoundException>(() => Plugin.CloneFullAsync(Storage, disk.Id.Name, "nope", OtherOwner, Format, Cancellation));

        Assert.Empty(await Plugin.ListAsync(Storage, OtherOwner, Cancellation));
    }

    [Fact]
    public async Task ImportAsync_ImageFile_CopiesItsContent()
    {
        var source = Scratch.Combine("source.qcow2");
        await Runner.RunCheckedAsync(["qemu-img", "create", "-q", "-f", "qcow2", source, "2M"], Cancellation);
        await Runner.RunCheckedAsync(["qemu-io", "-f", "qcow2", "-c", "write -P 0xcd 0 64k", source], Cancellation);

        var imported = await Plugin.ImportAsync(Storage, Owner, source, Format, Cancellation);

        Assert.Equal(2 * OneMiB, imported.SizeBytes);
        Assert.Equal(Owner, imported.Owner);
        Assert.True(await HasPatternAsync(imported.Id, 0xcd));
        Assert.True(File.Exists(source));
    }
}
