using System.Globalization;
using Cordouan.Core.Ids;

namespace Cordouan.Storage.Rbd;

/// <summary>
/// An rbd volume name as Proxmox writes it: the image (<c>vm-100-disk-0</c>, <c>base-100-disk-0</c>,
/// <c>vm-100-cloudinit</c>), prefixed by its base image for a linked clone (<c>base-100-disk-0/vm-101-disk-0</c>).
/// The prefix only informs; the image name alone identifies the RBD image in the pool.
/// </summary>
public sealed record RbdVolume
{
    public required string Image { get; init; }
    public required VmId Owner { get; init; }
    /// <summary>Null for a cloud-init drive.</summary>
    public int? DiskNumber { get; init; }
    public bool IsBase { get; init; }
    /// <summary>The base image this one is a linked clone of, when the name says so.</summary>
    public string? BaseImage { get; init; }

    public string Name => BaseImage is null ? Image : $"{BaseImage}/{Image}";

    /// <summary><c>vm-{owner}-disk-{n}</c>, or <c>base-…</c> for a template's disk.</summary>
    public static RbdVolume Disk(VmId owner, int number, bool isBase = false, string? baseImage = null) => new()
    {
        Image = $"{(isBase ? "base" : "vm")}-{owner}-disk-{number.ToString(CultureInfo.InvariantCulture)}",
        Owner = owner,
        DiskNumber = number,
        IsBase = isBase,
        BaseImage = baseImage,
    };

    public override string ToString() => Name;
}
