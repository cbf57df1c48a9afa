using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Dir;
using Cordouan.Storage.Images;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cordouan.Storage.Tests.Dir;

/// <summary>The conformance suite plus dir specifics, against real qemu-img in a temp directory.</summary>
public sealed partial class DirStoragePluginTests : StoragePluginConformanceTests
{
    private readonly TempDirectory _directory = new("cordouan-dir-storage");
    private readonly DirStoragePlugin _plugin = new(new QemuImg(new ProcessRunner()), NullLogger<DirStoragePlugin>.Instance);

    public DirStoragePluginTests()
    {
        Storage = Definition(_directory.Path);
    }

    protected override IStoragePlugin Plugin => _plugin;

    protected override StorageDefinition Storage { get; }

    protected override ValueTask CreateStorageAsync(CancellationToken cancellationToken)
    {
        Requirements.QemuImg();
        return ValueTask.CompletedTask;
    }

    protected override ValueTask DestroyStorageAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private static StorageDefinition Definition(string path) =>
        new() { Id = "local", Type = "dir", Path = path, Content = ["images", "iso", "snippets", "import"] };

    [Fact]
    public void Capabilities_Dir_LocalWithSnapshotsAndLinkedClones()
    {
        Assert.Equal("dir", Plugin.Type);
        Assert.Equal(new StorageCapabilities(false, true, true, false, Plugin.Capabilities.Formats), Plugin.Capabilities);
        Assert.Equal(["qcow2", "raw"], Plugin.Capabilities.Formats);
    }

    [Fact]
    public void ActivateAsync_NewStorage_CreatesProxmoxLayout()
    {
        foreach (var directory in new[] { "images", "template/iso", "template/cache", "snippets", "import" })
        {
            Assert.True(Directory.Exists(_directory.Combine(directory)), directory);
        }
    }

    [Fact]
    public async Task AllocateAsync_Qcow2_CreatesFileAtProxmoxPath()
    {
        var disk = await AllocateAsync(Owner);

        Assert.Equal("100/vm-100-disk-0.qcow2", disk.Id.Name);
        Assert.Equal("qcow2", disk.Format);
        var path = Plugin.PathOf(Storage, disk.Id.Name);
        Assert.Equal(_directory.Combine("images", "100", "vm-100-disk-0.qcow2"), path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AllocateAsync_NewDiskAndCloudInitDrive_ReadableByRootOnly()
    {
        var disk = await AllocateAsync(Owner);
        var cloudInit = await Plugin.AllocateCloudInitAsync(Storage, Owner, "qcow2", Cancellation);

        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(owner, File.GetUnixFileMode(Plugin.PathOf(Storage, disk.Id.Name)));
        Assert.Equal(owner, File.GetUnixFileMode(Plugin.PathOf(Storage, cloudInit.Id.Name)));
        Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory.Combine("images", "100")));
    }

    [Fact]
    public async Task AllocateAsync_RawAfterQcow2_TakesNextNumber()
    {
        await AllocateAsync(Owner);

        var raw = await Plugin.AllocateAsync(Storage, Owner, OneMiB + 1, "raw", Cancellation);

        Assert.Equal("100/vm-100-disk-1.raw", raw.Id.Name);
        Assert.Equal("raw", raw.Format);
        Assert.Equal(OneMiB + 1024, raw.SizeBytes);
    }

    [Fact]
    public async Task AllocateAsync_UnsupportedFormat_ThrowsValidation()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Plugin.AllocateAsync(Storage, Owner, OneMiB, "vmdk", Cancellation));

        Assert.True(error.Errors.ContainsKey("format"));
    }

    [Fact]
    public async Task SnapshotAsync_RawDisk_ThrowsClearError()
    {
        var raw = await Plugin.AllocateAsync(Storage, Owner, OneMiB, "raw", Cancellation);

        var error = await Assert.ThrowsAsync<CordouanException>(() => Plugin.SnapshotAsync(Storage, raw.Id.Name, "s1", Cancellation));

        Assert.Equal("Failed to snapshot volume 'local:100/vm-100-disk-0.raw': snapshots need qcow2, this volume is raw", error.Message);
    }

    [Fact]
    public async Task CloneLinkedAsync_Base_UsesAbsoluteBackingFileAndReadOnlyBase()
    {
        var disk = await AllocateAsync(Owner);

        var baseName = await Plugin.CreateBaseAsync(Storage, disk.Id.Name, Cancellation);
        var clone = await Plugin.CloneLinkedAsync(Storage, baseName, OtherOwner, Cancellation);

        Assert.Equal("100/base-100-disk-0.qcow2", baseName);
        Assert.Equal("100/base-100-disk-0.qcow2/101/vm-101-disk-0.qcow2", clone.Id.Name);
        var basePath = _directory.Combine("images", "100", "base-100-disk-0.qcow2");
        Assert.False(File.Exists(_directory.Combine("images", "100", "vm-100-disk-0.qcow2")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(basePath));
        var clonePath = Plugin.PathOf(Storage, clone.Id.Name);
        Assert.Equal(_directory.Combine("images", "101", "vm-101-disk-0.qcow2"), clonePath);
        Assert.Equal(clonePath, Plugin.PathOf(Storage, "101/vm-101-disk-0.qcow2"));
        var info = await new QemuImg(Runner).InfoAsync(clonePath, "qcow2", Cancellation);
        Assert.Equal(basePath, info.FullBackingFilename);
        Assert.Equal("qcow2", info.BackingFilenameFormat);
        Assert.Equal(clone.Id, (await Plugin.InfoAsync(Storage, "101/vm-101-disk-0.qcow2", Cancellation)).Id);
    }

    [Fact]
    public async Task CloneLinkedAsync_NotABase_ThrowsValidation()
    {
        var disk = await AllocateAsync(Owner);

        await Assert.ThrowsAsync<ValidationException>(() => Plugin.CloneLinkedAsync(Storage, disk.Id.Name, OtherOwner, Cancellation));
    }

    [Fact]
    public async Task FreeAsync_LastDisk_RemovesOwnerDirectory()
    {
        var disk = await AllocateAsync(Owner);

        await Plugin.FreeAsync(Storage, disk.Id.Name, Cancellation);

        Assert.False(Directory.Exists(_directory.Combine("images", "100")));
    }

    [Fact]
    public async Task ListAsync_IsoFile_ListedAsIsoContent()
    {
        await File.WriteAllBytesAsync(_directory.Combine("template", "iso", "debian.iso"), new byte[4096], Cancellation);
        await File.WriteAllBytesAsync(_directory.Combine("template", "iso", "notes.txt"), new byte[1], Cancellation);

        var listed = await Plugin.ListAsync(Storage, null, Cancellation);

        var iso = Assert.Single(listed);
        Assert.Equal("local:iso/debian.iso", iso.Id.ToString());
        Assert.Equal(("iso", "iso", 4096L), (iso.Content, iso.Format, iso.SizeBytes));
        Assert.Equal(_directory.Combine("template", "iso", "debian.iso"), Plugin.PathOf(Storage, "iso/debian.iso"));
    }

    [Fact]
    public async Task ImportAsync_ImageWithBackingFile_IsRefused()
    {
        var backing = Scratch.Combine("backing.qcow2");
        var overlay = Scratch.Combine("overlay.qcow2");
        await Runner.RunCheckedAsync(["qemu-img", "create", "-q", "-f", "qcow2", backing, "1M"], Cancellation);
        await Runner.RunCheckedAsync(["qemu-img", "create", "-q", "-f", "qcow2", "-b", backing, "-F", "qcow2", overlay], Cancellation);

        var error = await Assert.ThrowsAsync<CordouanException>(() => Plugin.ImportAsync(Storage, Owner, overlay, "qcow2", Cancellation));

        Assert.Contains("backing file", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Plugin.ListAsync(Storage, Owner, Cancellation));
    }
}
