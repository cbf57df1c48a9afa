using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Node.Config;

/// <summary>
/// A VM's <c>startup</c> option, <c>[[order=]N][,up=N][,down=N]</c> (Proxmox's <c>pve-startup-order</c>): the position in
/// the boot order (shutdown runs in reverse), the seconds to wait after starting it before the next start, and the
/// timeout of its shutdown at <c>stopall</c>.
/// </summary>
public sealed partial record StartupOrder(long? Order, int? Up, int? Down)
{
    /// <summary>Proxmox's verifier text for an unparsable value.</summary>
    public const string ParseError = "unable to parse startup options";

    /// <summary>No order, no delays: a VM without a <c>startup</c> option.</summary>
    public static readonly StartupOrder None = new(null, null, null);

    /// <summary>
    /// Parses as Proxmox's <c>pve_parse_startup_order</c> does: comma-separated parts, blank parts skipped, a later part
    /// wins over an earlier one of the same kind; an empty value or any other part is invalid.
    /// </summary>
    public static bool TryParse(string? value, out StartupOrder startup)
    {
        startup = None;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        long? order = null;
        int? up = null;
        int? down = null;
        foreach (var part in value.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }
            var m = Part().Match(part);
            if (!m.Success || !long.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }
            switch (m.Groups["key"].Value)
            {
                case "" or "order=":
                    order = n;
                    break;
                case "up=":
                    up = (int)Math.Min(n, int.MaxValue);
                    break;
                default:
                    down = (int)Math.Min(n, int.MaxValue);
                    break;
            }
        }
        startup = new StartupOrder(order, up, down);
        return true;
    }

    /// <summary>The startup settings of a VM config (<see cref="None"/> when it has none or an unparsable one).</summary>
    public static StartupOrder Of(IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue("startup", out var value) && TryParse(value, out var startup) ? startup : None;

    /// <summary>Numbers beyond 18 digits do not fit; Proxmox's Perl turns them into floats, which no operator means.</summary>
    [GeneratedRegex("^(?<key>order=|up=|down=)?(?<n>[0-9]{1,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
