using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStoragePlugin"/> must show, run against a real backend by each subclass (dir, rbd).
/// Guest-visible content is checked with qemu-io on <see cref="IStoragePlugin.PathOf"/>.
/// </summary>
public abstract partial class StoragePluginConformanceTests : IAsyncLifetime
{
    protected static readonly VmId Owner = new(100);
    protected static readonly VmId OtherOwner = new(101);
    protected const long OneMiB = 1024 * 1024;

    private readonly CancellationTokenSource _deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    protected CancellationToken Cancellation => _deadline.Token;

    protected ProcessRunner Runner { get; } = new();

    /// <summary>Files the tests create outside the storage (import sources).</summary>
    protected TempDirectory Scratch { get; } = new("cordouan-storage-scratch");

    protected abstract IStoragePlugin Plugin { get; }

    protected abstract StorageDefinition Storage { get; }

    /// <summary>The format new disks get in these tests.</summary>
    protected virtual string Format => "qcow2";

    /// <summary>Skips (or fails under CI=true) when the backend is missing, then creates an empty storage.</summary>
    protected abstract ValueTask CreateStorageAsync(CancellationToken cancellationToken);

    protected virtual ValueTask DestroyStorageAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        _deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await CreateStorageAsync(Cancellation);
        Requirements.Program("qemu-io", "apt-get install qemu-utils");
        await Plugin.ActivateAsync(Storage, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await DestroyStorageAsync();
        Scratch.Dispose();
        _deadline.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Task<VolumeInfo> AllocateAsync(VmId owner, long size = OneMiB) => Plugin.AllocateAsync(Storage, owner, size, Format, Cancellation);

    /// <summary>Fills the first 64 KiB of the disk with <paramref name="pattern"/>, as a guest write would.</summary>
    protected virtual Task WritePatternAsync(VolumeId volume, byte pattern) =>
        Runner.RunCheckedAsync(["qemu-io", "-f", volume.Format, "-c", $"write -P 0x{pattern:x2} 0 64k", Plugin.PathOf(Storage, volume.Name)], Cancellation);

    /// <summary>True when the first 64 KiB of the disk all hold <paramref name="pattern"/>.</summary>
    protected virtual async Task<bool> HasPatternAsync(VolumeId volume, byte pattern)
    {
        var result = await Runner.RunAsync(
            ["qemu-io", "-r", "-f", volume.Format, "-c", $"read -P 0x{pattern:x2} 0 64k", Plugin.PathOf(Storage, volume.Name)], Cancellation);
        return result.ExitCode == 0 && !result.StandardOutput.Contains("Pattern verification failed", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocateAsync_NewDisk_InfoAndListReportIt()
    {
        var allocated = await AllocateAsync(Owner, 4 * OneMiB);

        Assert.Equal(Storage.Id, allocated.Id.Storage);
        Assert.Contains("vm-100-disk-0", allocated.Id.Name, StringComparison.Ordinal);
        Assert.Equal(4 * OneMiB, allocated.SizeBytes);
        Assert.Equal(Owner, allocated.Owner);
        Assert.Equal("images", allocated.Content);
        Assert.Null(allocated.Parent);
        var info = await Plugin.InfoAsync(Storage, allocated.Id.Name, Cancellation);
        Assert.Equal(allocated.Id, info.Id);
        Assert.Equal(4 * OneMiB, info.SizeBytes);
        Assert.Contains(await Plugin.ListAsync(Storage, Owner, Cancellation), v => v.Id == allocated.Id);
        Assert.Contains(await Plugin.ListAsync(Storage, null, Cancellation), v => v.Id == allocated.Id);
        Assert.Empty(await Plugin.ListAsync(Storage, OtherOwner, Cancellation));
    }

    [Fact]
    public async Task AllocateAsync_TwentyInParallel_GetDistinctNames()
    {
        var allocated = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => AllocateAsync(Owner), Cancellation)));

        Assert.Equal(20, allocated.Select(v => v.Id).Distinct().Count());
        var listed = await Plugin.ListAsync(Storage, Owner, Cancellation);
        Assert.Equal(allocated.Select(v => v.Id).Order(Comparer), listed.Select(v => v.Id).Order(Comparer));
    }

    [Fact]
    public async Task AllocateAsync_AfterFree_ReusesTheLowestFreeNumber()
    {
        var first = await AllocateAsync(Owner);
        await AllocateAsync(Owner);
        await Plugin.FreeAsync(Storage, first.Id.Name, Cancellation);

        var again = await AllocateAsync(Owner);

        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task ResizeAsync_Grow_InfoReportsNewSize()
    {
        var disk = await AllocateAsync(Owner);

        await Plugin.ResizeAsync(Storage, disk.Id.Name, 3 * OneMiB, Cancellation);

        Assert.Equal(3 * OneMiB, (await Plugin.InfoAsync(Storage, disk.Id.Name, Cancellation)).SizeBytes);
    }

    [Fact]
    public async Task ResizeAsync_Shrink_ThrowsValidationAndKeepsSize()
    {
        var disk = await AllocateAsync(Owner, 2 * OneMiB);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Plugin.ResizeAsync(Storage, disk.Id.Name, OneMiB, Cancellation));

        Assert.Equal("shrinking disks is not supported", error.Errors["size"]);
        Assert.Equal(2 * OneMiB, (await Plugin.InfoAsync(Storage, disk.Id.Name, Cancellation)).SizeBytes);
    }

    [Fact]
    public async Task FreeAsync_Disk_GoneFromListAndInfo()
    {
        var disk = await AllocateAsync(Owner);

        await Plugin.FreeAsync(Storage, disk.Id.Name, Cancellation);

        Assert.Empty(await Plugin.ListAsync(Storage, Owner, Cancellation));
        await Assert.ThrowsAsync<NotFoundException>(() => Plugin.InfoAsync(Storage, disk.Id.Name, Cancellation));
        await Assert.ThrowsAsync<NotFoundException>(() => Plugin.FreeAsync(Storage, disk.Id.Name, Cancellation));
    }

    [Fact]
    public async Task StatusAsync_ActiveStorage_ReportsCapacity()
    {
        var status = await Plugin.StatusAsync(Storage, Cancellation);

        Assert.True(status.Active);
        Assert.True(status.TotalBytes > 0);
        Assert.InRange(status.AvailableBytes, 1, status.TotalBytes);
        Assert.InRange(status.UsedBytes, 0, status.TotalBytes);
    }

    private static readonly Comparer<VolumeId> Comparer = Comparer<VolumeId>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
}
