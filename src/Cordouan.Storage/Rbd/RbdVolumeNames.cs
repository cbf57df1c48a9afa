using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;

namespace Cordouan.Storage.Rbd;

/// <summary>Parses rbd volume names (<see cref="RbdVolume"/>); images with other names in the pool are not Cordouan's and are ignored.</summary>
public static partial class RbdVolumeNames
{
    /// <summary>The protected snapshot a template's base image is cloned from (Proxmox's name).</summary>
    public const string BaseSnapshot = "__base__";

    /// <summary>Parses a volume name, or throws <see cref="ValidationException"/> on field "volume".</summary>
    public static RbdVolume Parse(string name) =>
        TryParse(name, out var volume) ? volume : throw new ValidationException("volume", $"unable to parse rbd volume name '{name}'");

    public static bool TryParse(string? name, [NotNullWhen(true)] out RbdVolume? volume)
    {
        volume = null;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return TryParseImage(name, null, out volume);
        }
        // The prefix of a linked clone must itself be a base disk image.
        return TryParseImage(name[..slash], null, out var baseVolume)
            && baseVolume.IsBase && baseVolume.DiskNumber is not null
            && TryParseImage(name[(slash + 1)..], baseVolume.Image, out volume);
    }

    /// <summary>Parses a bare image name as found in the pool.</summary>
    public static bool TryParseImage(string image, string? baseImage, [NotNullWhen(true)] out RbdVolume? volume)
    {
        volume = null;
        var match = ImagePattern().Match(image);
        if (!match.Success || !VmId.TryParse(match.Groups["vmid"].Value, out var owner) || owner.ToString() != match.Groups["vmid"].Value)
        {
            return false;
        }
        var isBase = match.Groups["prefix"].Value == "base";
        int? number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        if (isBase && number is null)
        {
            return false;
        }
        volume = new RbdVolume { Image = image, Owner = owner, DiskNumber = number, IsBase = isBase, BaseImage = baseImage };
        return true;
    }

    [GeneratedRegex(@"^(?<prefix>vm|base)-(?<vmid>[0-9]{1,9})-(disk-(?<n>0|[1-9][0-9]{0,5})|cloudinit)$")]
    private static partial Regex ImagePattern();
}
