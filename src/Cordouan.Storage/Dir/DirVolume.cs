using Cordouan.Core.Ids;

namespace Cordouan.Storage.Dir;

/// <summary>
/// A parsed dir-storage volume name. Disks (<see cref="Content"/> "images") live in <c>images/&lt;owner&gt;/</c>;
/// a linked clone also carries its <see cref="Base"/> in its name, as Proxmox encodes it.
/// </summary>
public sealed record DirVolume
{
    /// <summary>Proxmox content type: images, iso, vztmpl, snippets or import.</summary>
    public required string Content { get; init; }

    /// <summary>Leaf file name (<c>vm-100-disk-0.qcow2</c>, <c>debian.iso</c>).</summary>
    public required string FileName { get; init; }

    /// <summary>Image format (qcow2, raw, vmdk) for disks; iso, tgz, snippet or the extension for other content.</summary>
    public required string Format { get; init; }

    /// <summary>The VM owning a disk; null for other content.</summary>
    public VmId? Owner { get; init; }

    /// <summary>The <c>n</c> of <c>disk-n</c>; null for cloud-init drives and other content.</summary>
    public int? DiskNumber { get; init; }

    /// <summary>True for a template base (<c>base-&lt;vmid&gt;-disk-&lt;n&gt;</c>).</summary>
    public bool IsBase { get; init; }

    /// <summary>The base volume a linked clone's name encodes; null otherwise.</summary>
    public DirVolume? Base { get; init; }

    /// <summary>The volume name (the part of the volume id after "storage:").</summary>
    public string Name => Content switch
    {
        "images" when Base is not null => $"{Base.Name}/{Owner}/{FileName}",
        "images" => $"{Owner}/{FileName}",
        _ => $"{Content}/{FileName}",
    };

    /// <summary>Path of the file relative to the storage directory (a linked clone's own file, not its base).</summary>
    public string RelativePath => Content switch
    {
        "images" => $"images/{Owner}/{FileName}",
        "iso" => $"template/iso/{FileName}",
        "vztmpl" => $"template/cache/{FileName}",
        _ => $"{Content}/{FileName}",
    };

    public bool IsDisk => Content == "images";

    public override string ToString() => Name;
}
