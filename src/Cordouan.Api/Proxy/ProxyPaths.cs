using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Which requests belong to another node: everything at or under <c>/api2/{json|extjs}/nodes/{node}</c>. Cluster-wide
/// paths (<c>/cluster</c>, <c>/access</c>, <c>/storage</c>, <c>/version</c>, <c>/nodes</c> itself) are answered by any node.
/// </summary>
public static partial class ProxyPaths
{
    private static readonly string[] Prefixes = ["/api2/json/nodes/", "/api2/extjs/nodes/"];

    /// <summary>The <c>{node}</c> of a node-scoped path; false for other paths and for names that are not valid node names.</summary>
    public static bool TryGetNode(PathString path, [NotNullWhen(true)] out string? node)
    {
        node = null;
        var value = path.Value;
        if (value is null)
        {
            return false;
        }
        foreach (var prefix in Prefixes)
        {
            if (!value.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = value.AsSpan(prefix.Length);
            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (!NodeName().IsMatch(segment))
            {
                return false;
            }
            node = segment.ToString();
            return true;
        }
        return false;
    }

    /// <summary>Proxmox's <c>pve-node</c> format: a host name label.</summary>
    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();
}
