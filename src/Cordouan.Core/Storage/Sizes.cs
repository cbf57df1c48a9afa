using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Core.Storage;

/// <summary>Proxmox size strings: <c>32G</c>, <c>1.5G</c>, <c>34359738368</c> (bytes), <c>32GiB</c>; printed with the largest exact unit.</summary>
public static partial class Sizes
{
    private const long Kib = 1024;

    /// <summary>A cloud-init drive is 4 MiB, as Proxmox allocates it (the seed stays well below).</summary>
    public const long CloudInitDriveBytes = 4 * Kib * Kib;

    /// <summary>Parses a size; a bare number is bytes unless <paramref name="bareUnit"/> says otherwise. Returns false when malformed.</summary>
    public static bool TryParse(string? text, out long bytes, long bareUnit = 1)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }
        var number = decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups[2].Success && m.Groups[2].Value.Length > 0
            ? m.Groups[2].Value[0] switch { 'K' => Kib, 'M' => Kib * Kib, 'G' => Kib * Kib * Kib, 'T' => Kib * Kib * Kib * Kib, _ => 1 }
            : bareUnit;
        bytes = (long)decimal.Round(number * unit);
        return true;
    }

    /// <summary>Prints with the largest unit that divides exactly (<c>32G</c>, <c>512M</c>, <c>528K</c>), else bytes.</summary>
    public static string Format(long bytes)
    {
        foreach (var (unit, suffix) in new[] { (Kib * Kib * Kib * Kib, "T"), (Kib * Kib * Kib, "G"), (Kib * Kib, "M"), (Kib, "K") })
        {
            if (bytes != 0 && bytes % unit == 0)
            {
                return (bytes / unit).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)([KMGT](?:iB)?)?$")]
    private static partial Regex Pattern();
}
