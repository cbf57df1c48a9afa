using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Xunit;

namespace Cordouan.Storage.Tests.Dir;

public sealed partial class DirStoragePluginTests
{
    [Fact]
    public async Task AllocateAsync_Qcow2OnFullStorage_FailsClearlyWithoutLeftover()
    {
        await using var mount = await TmpfsMount.MountAsync(_directory.Combine("small"), 8 * OneMiB, Runner, Cancellation);
        var storage = Definition(mount.Path);
        await Plugin.ActivateAsync(storage, Cancellation);
        await FillAsync(mount.Path);

        var error = await Assert.ThrowsAsync<CordouanException>(() => Plugin.AllocateAsync(storage, Owner, 64 * OneMiB, "qcow2", Cancellation));

        Assert.StartsWith("Failed to allocate disk on storage 'local': not enough space (", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(mount.Path, "images")));
        Assert.Empty(await Plugin.ListAsync(storage, null, Cancellation));
    }

    [Fact]
    public async Task AllocateAsync_RawLargerThanFreeSpace_FailsClearlyWithoutLeftover()
    {
        await using var mount = await TmpfsMount.MountAsync(_directory.Combine("small"), 8 * OneMiB, Runner, Cancellation);
        var storage = Definition(mount.Path);
        await Plugin.ActivateAsync(storage, Cancellation);

        var error = await Assert.ThrowsAsync<CordouanException>(() => Plugin.AllocateAsync(storage, Owner, 16 * OneMiB, "raw", Cancellation));

        Assert.StartsWith("Failed to allocate disk on storage 'local': not enough space (requested 16M", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(mount.Path, "images")));
        var status = await Plugin.StatusAsync(storage, Cancellation);
        Assert.Equal(8 * OneMiB, status.TotalBytes);
    }

    /// <summary>Writes zeros until the file system reports ENOSPC.</summary>
    private async Task FillAsync(string directory)
    {
        var block = new byte[64 * 1024];
        await using var filler = new FileStream(Path.Combine(directory, "filler"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true)
            {
                await filler.WriteAsync(block, Cancellation);
            }
        }
        catch (IOException)
        {
            // Full: exactly what we wanted.
        }
    }
}
