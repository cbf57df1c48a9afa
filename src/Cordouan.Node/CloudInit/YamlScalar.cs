using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cordouan.Node.CloudInit;

/// <summary>
/// Writes one YAML scalar so that it reads back as exactly that string, whatever it holds. Ordinary values keep the
/// style Proxmox writes them in (plain, or single-quoted), so the seed and its instance-id stay Proxmox's byte for byte;
/// anything else (line breaks, <c>: </c>, <c> #</c>, quotes, indicators such as <c>!!</c>, <c>&amp;</c>, <c>*</c>, a leading
/// <c>-</c>, or a value YAML would read as a bool, null or number) is double-quoted with escapes, so a config value can
/// never add a key, an item or a tag to the document.
/// </summary>
public static partial class YamlScalar
{
    /// <summary>Plain when that is unambiguous, else double-quoted.</summary>
    public static string Plain(string value) => IsSafePlain(value) ? value : DoubleQuoted(value);

    /// <summary>Single-quoted (Proxmox's style for addresses) when that is unambiguous, else double-quoted.</summary>
    public static string SingleQuoted(string value) =>
        value.All(c => c is >= ' ' and <= '~' and not '\'') ? "'" + value + "'" : DoubleQuoted(value);

    /// <summary>A double-quoted scalar: backslash, quote, every control, line or paragraph separator and BOM escaped.</summary>
    public static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                case var _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF':
                    text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    // Printable ASCII without YAML's indicators; starts with a letter, digit or one of _ . / $ ~ (never - ? : , [ ] { } # & * ! | > ' " % @ `).
    [GeneratedRegex(@"^[A-Za-z0-9_./$~][A-Za-z0-9_./$~+=@%,:;()\-\ ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainCharacters();

    // What YAML 1.1 (cloud-init's PyYAML) or 1.2 would read as something other than a string.
    [GeneratedRegex(@"^(?:[yY]|[nN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+.0-9][-+.0-9_:eExXoObBa-fA-FtTzZ ]*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();

    private static bool IsSafePlain(string value) =>
        value.Length > 0
        && PlainCharacters().IsMatch(value)
        && !NonString().IsMatch(value)
        && !value.EndsWith(' ') && !value.EndsWith(':')
        && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal);
}
