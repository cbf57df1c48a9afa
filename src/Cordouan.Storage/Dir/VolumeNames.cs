using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;

namespace Cordouan.Storage.Dir;

/// <summary>
/// Parses and builds dir-storage volume names as Proxmox writes them: <c>100/vm-100-disk-0.qcow2</c>,
/// <c>100/base-100-disk-0.qcow2</c>, linked clone <c>100/base-100-disk-0.qcow2/101/vm-101-disk-0.qcow2</c>,
/// <c>100/vm-100-cloudinit.qcow2</c>, <c>iso/debian.iso</c>, <c>vztmpl/…</c>, <c>snippets/…</c>, <c>import/…</c>.
/// </summary>
public static partial class VolumeNames
{
    /// <summary>Disk image formats a dir volume name may carry.</summary>
    public static IReadOnlyList<string> DiskFormats { get; } = ["qcow2", "raw", "vmdk"];

    /// <summary>Parses a volume name, or throws <see cref="ValidationException"/> on field "volume".</summary>
    public static DirVolume Parse(string name) =>
        TryParse(name, out var volume)
            ? volume
            : throw new ValidationException("volume", $"unable to parse directory volume name '{name}'");

    public static bool TryParse(string? name, [NotNullWhen(true)] out DirVolume? volume)
    {
        volume = null;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        var linked = LinkedClonePattern().Match(name);
        if (linked.Success)
        {
            if (!TryParseDisk(linked.Groups["bvmid"].Value, linked.Groups["bfile"].Value, null, out var baseVolume)
                || !baseVolume.IsBase
                || baseVolume.DiskNumber is null)
            {
                return false;
            }
            if (!TryParseDisk(linked.Groups["vmid"].Value, linked.Groups["file"].Value, baseVolume, out volume) || volume.DiskNumber is null)
            {
                volume = null;
                return false;
            }
            return true;
        }
        var disk = DiskPattern().Match(name);
        if (disk.Success)
        {
            return TryParseDisk(disk.Groups["vmid"].Value, disk.Groups["file"].Value, null, out volume);
        }
        var file = FilePattern().Match(name);
        return file.Success && TryParseFile(file.Groups["content"].Value, file.Groups["file"].Value, out volume);
    }

    /// <summary>Parses a file name found in <c>images/&lt;owner&gt;/</c> (no base information).</summary>
    public static bool TryParseDiskFileName(VmId owner, string fileName, [NotNullWhen(true)] out DirVolume? volume) =>
        TryParseDisk(owner.ToString(), fileName, null, out volume);

    /// <summary><c>&lt;owner&gt;/vm-&lt;owner&gt;-disk-&lt;n&gt;.&lt;format&gt;</c>.</summary>
    public static DirVolume Disk(VmId owner, int number, string format) => NewDisk(owner, number, format, isBase: false, baseVolume: null);

    /// <summary><c>&lt;owner&gt;/base-&lt;owner&gt;-disk-&lt;n&gt;.&lt;format&gt;</c>.</summary>
    public static DirVolume BaseDisk(VmId owner, int number, string format) => NewDisk(owner, number, format, isBase: true, baseVolume: null);

    /// <summary>A qcow2 linked clone of <paramref name="baseVolume"/> owned by <paramref name="owner"/>.</summary>
    public static DirVolume LinkedClone(DirVolume baseVolume, VmId owner, int number)
    {
        if (!baseVolume.IsBase || baseVolume.DiskNumber is null || baseVolume.Base is not null)
        {
            throw new ArgumentException($"'{baseVolume.Name}' is not a base disk", nameof(baseVolume));
        }
        return NewDisk(owner, number, "qcow2", isBase: false, baseVolume);
    }

    /// <summary>The name a disk gets when it becomes a template base (its linked-clone base, if any, is kept).</summary>
    public static DirVolume AsBase(DirVolume disk)
    {
        if (!disk.IsDisk || disk.IsBase || disk.Owner is not { } owner || disk.DiskNumber is not { } number)
        {
            throw new ArgumentException($"'{disk.Name}' is not a VM disk", nameof(disk));
        }
        return NewDisk(owner, number, disk.Format, isBase: true, disk.Base);
    }

    private static DirVolume NewDisk(VmId owner, int number, string format, bool isBase, DirVolume? baseVolume)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var prefix = isBase ? "base" : "vm";
        return new DirVolume
        {
            Content = "images",
            FileName = $"{prefix}-{owner}-disk-{number.ToString(CultureInfo.InvariantCulture)}.{format}",
            Format = format,
            Owner = owner,
            DiskNumber = number,
            IsBase = isBase,
            Base = baseVolume,
        };
    }

    private static bool TryParseDisk(string vmidText, string fileName, DirVolume? baseVolume, [NotNullWhen(true)] out DirVolume? volume)
    {
        volume = null;
        var match = DiskFilePattern().Match(fileName);
        if (!match.Success
            || !VmId.TryParse(vmidText, out var owner)
            || owner.ToString() != vmidText
            || match.Groups["vmid"].Value != vmidText)
        {
            return false;
        }
        int? number = null;
        if (match.Groups["n"].Success)
        {
            number = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        }
        var isBase = match.Groups["prefix"].Value == "base";
        if (number is null && isBase)
        {
            return false;
        }
        volume = new DirVolume
        {
            Content = "images",
            FileName = fileName,
            Format = match.Groups["format"].Value,
            Owner = owner,
            DiskNumber = number,
            IsBase = isBase,
            Base = baseVolume,
        };
        return true;
    }

    private static bool TryParseFile(string content, string fileName, [NotNullWhen(true)] out DirVolume? volume)
    {
        volume = null;
        if (fileName.StartsWith('.'))
        {
            return false;
        }
        string? format = content switch
        {
            "iso" when IsoExtension().IsMatch(fileName) => "iso",
            "vztmpl" when TemplateExtension().IsMatch(fileName) => "tgz",
            "snippets" => "snippet",
            "import" when ImportExtension().Match(fileName) is { Success: true } m => m.Groups["format"].Value.ToLowerInvariant(),
            _ => null,
        };
        if (format is null)
        {
            return false;
        }
        volume = new DirVolume { Content = content, FileName = fileName, Format = format };
        return true;
    }

    [GeneratedRegex(@"^(?<bvmid>[0-9]{1,9})/(?<bfile>[^/]+)/(?<vmid>[0-9]{1,9})/(?<file>[^/]+)$")]
    private static partial Regex LinkedClonePattern();

    [GeneratedRegex(@"^(?<vmid>[0-9]{1,9})/(?<file>[^/]+)$")]
    private static partial Regex DiskPattern();

    [GeneratedRegex(@"^(?<prefix>vm|base)-(?<vmid>[0-9]{1,9})-(disk-(?<n>0|[1-9][0-9]{0,5})|cloudinit)\.(?<format>qcow2|raw|vmdk)$")]
    private static partial Regex DiskFilePattern();

    [GeneratedRegex(@"^(?<content>iso|vztmpl|snippets|import)/(?<file>[^/]+)$")]
    private static partial Regex FilePattern();

    [GeneratedRegex(@"\.(iso|img)$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoExtension();

    [GeneratedRegex(@"\.tar\.(gz|xz|zst|bz2)$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateExtension();

    [GeneratedRegex(@"\.(?<format>ova|qcow2|raw|vmdk)$", RegexOptions.IgnoreCase)]
    private static partial Regex ImportExtension();
}
