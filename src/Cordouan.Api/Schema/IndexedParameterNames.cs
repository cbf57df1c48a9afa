using System.Globalization;

namespace Cordouan.Api.Schema;

/// <summary>
/// Schema names such as <c>net[n]</c> stand for <c>net0</c> … <c>net31</c>: Proxmox declares one property per index, up to
/// the limits of qemu-server, pve-container and pve-cluster (<c>MAX_NETS</c>, <c>MAX_SCSI_DISKS</c>, …).
/// </summary>
public static class IndexedParameterNames
{
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["net"] = 32,
        ["ipconfig"] = 32,
        ["unused"] = 256,
        ["hostpci"] = 16,
        ["ide"] = 4,
        ["sata"] = 6,
        ["scsi"] = 31,
        ["virtio"] = 16,
        ["virtiofs"] = 10,
        ["numa"] = 8,
        ["parallel"] = 3,
        ["serial"] = 4,
        ["usb"] = 14,
        ["link"] = 8,
        ["mp"] = 256,
        ["dev"] = 256,
        ["acmedomain"] = 5,
    };

    /// <summary>The schema name (<c>net[n]</c>) that <paramref name="name"/> (<c>net3</c>) is an instance of, or null.</summary>
    public static string? SchemaNameOf(string name)
    {
        var digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1]))
        {
            digits--;
        }
        if (digits == 0 || digits == name.Length || (name[digits] == '0' && digits < name.Length - 1))
        {
            return null;
        }
        var prefix = name[..digits];
        if (!int.TryParse(name.AsSpan(digits), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }
        return !Counts.TryGetValue(prefix, out var count) || index < count ? prefix + "[n]" : null;
    }
}
