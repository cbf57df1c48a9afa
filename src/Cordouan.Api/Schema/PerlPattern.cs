using System.Text;
using System.Text.RegularExpressions;

namespace Cordouan.Api.Schema;

/// <summary>
/// Turns a schema <c>pattern</c> (a Perl regex, as <c>qr//</c> stringifies it) into a .NET regex matching the whole value, as
/// <c>PVE::JSONSchema</c> tests <c>m/^$pattern$/</c>. <c>(?^flags:</c> becomes <c>(?flags:</c>; <c>\d</c> becomes ASCII
/// <c>[0-9]</c> (Unicode digits such as "١٢" are never valid IDs or sizes); the end anchor is <c>\z</c>, so a trailing newline
/// that Perl's <c>$</c> would let through is refused. Matching is bounded by a timeout.
/// </summary>
public static class PerlPattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public static Regex Compile(string perl) =>
        new("^(?:" + Translate(perl) + @")\z", RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>The pattern body in .NET syntax (not anchored).</summary>
    public static string Translate(string perl)
    {
        var result = new StringBuilder(perl.Length + 16);
        var inClass = false;
        for (var i = 0; i < perl.Length; i++)
        {
            var c = perl[i];
            if (c == '\\' && i + 1 < perl.Length)
            {
                var next = perl[++i];
                switch (next)
                {
                    case 'd':
                        result.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case '_' or '@' or '/' or '#' or ' ' or '!' or '%' or '&' or '~' or '\'' or '"' or '=' or ':' or ',' or '<' or '>' or ';' or '`':
                        // Perl escapes any punctuation; .NET refuses some escapes (\_) and treats others literally anyway.
                        result.Append(Regex.Escape(next.ToString()) is var escaped && escaped.Length > 1 ? escaped : next.ToString());
                        break;
                    default:
                        result.Append('\\').Append(next);
                        break;
                }
                continue;
            }
            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }
                result.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                // A ']' right after '[' or '[^' is a literal in both dialects.
                if (i + 1 < perl.Length && perl[i + 1] == '^')
                {
                    result.Append('^');
                    i++;
                }
                if (i + 1 < perl.Length && perl[i + 1] == ']')
                {
                    result.Append(@"\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && i + 2 < perl.Length && perl[i + 1] == '?' && perl[i + 2] == '^')
            {
                // (?^:…) / (?^i:…): "default flags plus these"; the outer regex has no flags, so drop the caret.
                result.Append("(?");
                i += 2;
                continue;
            }
            result.Append(c);
        }
        return result.ToString();
    }
}
