using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Storage.Rbd;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

public sealed class RbdVolumeNamesTests
{
    [Fact]
    public void Parse_Disk_ReadsOwnerAndNumber()
    {
        var volume = RbdVolumeNames.Parse("vm-100-disk-3");

        Assert.Equal(("vm-100-disk-3", "vm-100-disk-3"), (volume.Image, volume.Name));
        Assert.Equal(new VmId(100), volume.Owner);
        Assert.Equal(3, volume.DiskNumber);
        Assert.False(volume.IsBase);
        Assert.Null(volume.BaseImage);
    }

    [Fact]
    public void Parse_LinkedClone_ImageIsTheLastPart()
    {
        var volume = RbdVolumeNames.Parse("base-100-disk-0/vm-101-disk-2");

        Assert.Equal("vm-101-disk-2", volume.Image);
        Assert.Equal("base-100-disk-0", volume.BaseImage);
        Assert.Equal(new VmId(101), volume.Owner);
        Assert.Equal("base-100-disk-0/vm-101-disk-2", volume.Name);
        Assert.Equal(volume, RbdVolume.Disk(new VmId(101), 2, baseImage: "base-100-disk-0"));
    }

    [Fact]
    public void Parse_TemplateOfALinkedClone_KeepsItsBase()
    {
        var volume = RbdVolumeNames.Parse("base-100-disk-0/base-101-disk-0");

        Assert.True(volume.IsBase);
        Assert.Equal(("base-101-disk-0", "base-100-disk-0"), (volume.Image, volume.BaseImage));
    }

    [Fact]
    public void Parse_CloudInit_HasNoDiskNumber()
    {
        var volume = RbdVolumeNames.Parse("vm-100-cloudinit");

        Assert.Null(volume.DiskNumber);
        Assert.Equal(new VmId(100), volume.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("vm-100-disk-0.raw")]
    [InlineData("100/vm-100-disk-0")]
    [InlineData("vm-100-disk-01")]
    [InlineData("vm-0100-disk-0")]
    [InlineData("base-100-cloudinit")]
    [InlineData("vm-\u0661\u0660\u0660-disk-0")]
    [InlineData("vm-100-disk-0/vm-101-disk-0")]
    [InlineData("base-100-disk-0/vm-101-disk-0/vm-102-disk-0")]
    [InlineData("foreign-image")]
    [InlineData("vm-100-disk-0@snap")]
    public void TryParse_NotAProxmoxName_False(string name)
    {
        Assert.False(RbdVolumeNames.TryParse(name, out _));
        Assert.Throws<ValidationException>(() => RbdVolumeNames.Parse(name));
    }

    [Fact]
    public void UsedDiskNumbers_CountsVmAndBaseImagesOfTheOwnerOnly()
    {
        string[] images = ["vm-100-disk-0", "base-100-disk-2", "vm-100-cloudinit", "vm-1000-disk-1", "vm-101-disk-1", "other"];

        Assert.Equal([0, 2], RbdStoragePlugin.UsedDiskNumbers(images, new VmId(100)).Order());
    }
}
