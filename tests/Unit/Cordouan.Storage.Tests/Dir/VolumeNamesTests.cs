using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Storage.Dir;
using Xunit;

namespace Cordouan.Storage.Tests.Dir;

public sealed class VolumeNamesTests
{
    [Fact]
    public void Parse_Disk_ReadsOwnerNumberAndFormat()
    {
        var volume = VolumeNames.Parse("100/vm-100-disk-3.qcow2");

        Assert.Equal(("images", "vm-100-disk-3.qcow2", "qcow2"), (volume.Content, volume.FileName, volume.Format));
        Assert.Equal(new VmId(100), volume.Owner);
        Assert.Equal(3, volume.DiskNumber);
        Assert.False(volume.IsBase);
        Assert.Null(volume.Base);
        Assert.Equal("images/100/vm-100-disk-3.qcow2", volume.RelativePath);
    }

    [Fact]
    public void Parse_BaseDisk_IsBase()
    {
        var volume = VolumeNames.Parse("100/base-100-disk-0.raw");

        Assert.True(volume.IsBase);
        Assert.Equal("raw", volume.Format);
        Assert.Equal(VolumeNames.BaseDisk(new VmId(100), 0, "raw"), volume);
    }

    [Fact]
    public void Parse_LinkedClone_CarriesBaseAndPointsAtOwnFile()
    {
        var volume = VolumeNames.Parse("100/base-100-disk-0.qcow2/101/vm-101-disk-2.qcow2");

        Assert.Equal(new VmId(101), volume.Owner);
        Assert.Equal(2, volume.DiskNumber);
        Assert.Equal("100/base-100-disk-0.qcow2", volume.Base?.Name);
        Assert.Equal("images/101/vm-101-disk-2.qcow2", volume.RelativePath);
        Assert.Equal("100/base-100-disk-0.qcow2/101/vm-101-disk-2.qcow2", volume.Name);
    }

    [Fact]
    public void Parse_CloudInitDrive_HasNoDiskNumber()
    {
        var volume = VolumeNames.Parse("100/vm-100-cloudinit.qcow2");

        Assert.Null(volume.DiskNumber);
        Assert.Equal(new VmId(100), volume.Owner);
    }

    [Theory]
    [InlineData("iso/debian-12.iso", "iso", "iso", "template/iso/debian-12.iso")]
    [InlineData("iso/installer.IMG", "iso", "iso", "template/iso/installer.IMG")]
    [InlineData("vztmpl/debian.tar.zst", "vztmpl", "tgz", "template/cache/debian.tar.zst")]
    [InlineData("snippets/user.yaml", "snippets", "snippet", "snippets/user.yaml")]
    [InlineData("import/disk.qcow2", "import", "qcow2", "import/disk.qcow2")]
    public void Parse_FileContent_MapsToProxmoxDirectory(string name, string content, string format, string relativePath)
    {
        var volume = VolumeNames.Parse(name);

        Assert.Equal((content, format, relativePath, name), (volume.Content, volume.Format, volume.RelativePath, volume.Name));
        Assert.Null(volume.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("vm-100-disk-0")]
    [InlineData("100/vm-101-disk-0.qcow2")]
    [InlineData("0100/vm-0100-disk-0.qcow2")]
    [InlineData("99/vm-99-disk-0.qcow2")]
    [InlineData("100/vm-100-disk-01.qcow2")]
    [InlineData("100/vm-100-disk-0.vdi")]
    [InlineData("100/base-100-cloudinit.qcow2")]
    [InlineData("100/vm-100-disk-0.qcow2/101/vm-101-disk-0.qcow2")]
    [InlineData("100/base-100-disk-0.qcow2/101/vm-101-cloudinit.qcow2")]
    [InlineData("iso/../../etc/passwd.iso")]
    [InlineData("iso/..")]
    // Unicode digits (Arabic-Indic) are not digits of a VMID (issue 17: they parsed, then int.Parse answered 500).
    [InlineData("\u0661\u0660\u0660/vm-\u0661\u0660\u0660-disk-0.qcow2")]
    [InlineData("iso/notes.txt")]
    [InlineData("backup/x.vma")]
    [InlineData("100/../vm-100-disk-0.qcow2")]
    public void TryParse_Malformed_ReturnsFalse(string name)
    {
        Assert.False(VolumeNames.TryParse(name, out _));
    }

    [Fact]
    public void Parse_Malformed_ThrowsValidationOnVolume()
    {
        var error = Assert.Throws<ValidationException>(() => VolumeNames.Parse("nope"));

        Assert.Equal("unable to parse directory volume name 'nope'", error.Errors["volume"]);
    }

    [Fact]
    public void LinkedClone_OfBase_FormatsProxmoxName()
    {
        var baseVolume = VolumeNames.BaseDisk(new VmId(100), 1, "qcow2");

        var clone = VolumeNames.LinkedClone(baseVolume, new VmId(205), 0);

        Assert.Equal("100/base-100-disk-1.qcow2/205/vm-205-disk-0.qcow2", clone.Name);
        Assert.Equal(clone, VolumeNames.Parse(clone.Name));
    }

    [Fact]
    public void LinkedClone_OfNonBase_Throws()
    {
        Assert.Throws<ArgumentException>(() => VolumeNames.LinkedClone(VolumeNames.Disk(new VmId(100), 0, "qcow2"), new VmId(101), 0));
    }

    [Fact]
    public void AsBase_LinkedClone_KeepsItsBase()
    {
        var clone = VolumeNames.Parse("100/base-100-disk-0.qcow2/101/vm-101-disk-0.qcow2");

        Assert.Equal("100/base-100-disk-0.qcow2/101/base-101-disk-0.qcow2", VolumeNames.AsBase(clone).Name);
        Assert.Equal("101/base-101-disk-4.raw", VolumeNames.AsBase(VolumeNames.Disk(new VmId(101), 4, "raw")).Name);
    }

    [Fact]
    public void TryParseDiskFileName_FileOfOtherVm_ReturnsFalse()
    {
        Assert.True(VolumeNames.TryParseDiskFileName(new VmId(100), "vm-100-disk-7.raw", out var disk));
        Assert.Equal(7, disk.DiskNumber);
        Assert.False(VolumeNames.TryParseDiskFileName(new VmId(100), "vm-101-disk-0.raw", out _));
    }
}
