using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

/// <summary>The <c>nodes</c> of an HA group in Proxmox's text form, <c>&lt;node&gt;[:&lt;priority&gt;],…</c> (e.g. <c>n1:2,n2</c>).</summary>
public static partial class HaGroupNodes
{
    /// <summary>
    /// Parses the list (separated by <c>,</c>, <c>;</c> or spaces like every Proxmox list) into members ordered
    /// highest priority first, as <see cref="HaGroupDocument.Nodes"/> keeps them; a missing priority is 0. Every
    /// problem is a 400 naming <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<HaGroupNode> Parse(string text, string field = "nodes")
    {
        var members = new List<HaGroupNode>();
        foreach (var item in text.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Member().Match(item);
            if (!match.Success)
            {
                throw new ValidationException(field, $"invalid format - value '{item}' does not look like a valid ha group node");
            }
            var node = match.Groups[1].Value;
            var priority = 0;
            if (match.Groups[3].Success && !int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out priority))
            {
                throw new ValidationException(field, $"invalid format - priority of node '{node}' is too large");
            }
            if (members.Any(m => m.Node == node))
            {
                throw new ValidationException(field, $"invalid format - node '{node}' is listed twice");
            }
            members.Add(new HaGroupNode(node, priority));
        }
        if (members.Count == 0)
        {
            throw new ValidationException(field, "invalid format - the group needs at least one node");
        }
        // OrderByDescending is stable: nodes of equal priority keep the order they were given in.
        return [.. members.OrderByDescending(m => m.Priority)];
    }

    /// <summary>The Proxmox text of a member list; priority 0 is left implicit (<c>n1:2,n2</c>).</summary>
    public static string Format(IReadOnlyList<HaGroupNode> nodes) =>
        string.Join(',', nodes.Select(n => n.Priority == 0 ? n.Node : string.Create(CultureInfo.InvariantCulture, $"{n.Node}:{n.Priority}")));

    // Proxmox's pve-ha-group-node format: a node name (DNS label), then an optional ":<priority>".
    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)(?::([0-9]+))?$")]
    private static partial Regex Member();
}
