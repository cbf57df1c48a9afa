using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Cordouan.Access.Permissions;

/// <summary>ACL object paths as Proxmox normalises and accepts them (<c>/</c>, <c>/vms/100</c>, <c>/storage/local</c>, ...).</summary>
public static partial class AclPaths
{
    /// <summary>Collapses repeated slashes, drops a trailing one and adds the leading one; null if the path has other characters.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        var collapsed = RepeatedSlashes().Replace(path, "/").TrimEnd('/');
        if (collapsed.Length == 0)
        {
            return "/";
        }
        if (collapsed[0] != '/')
        {
            collapsed = "/" + collapsed;
        }
        return AllowedCharacters().IsMatch(collapsed) ? collapsed : null;
    }

    /// <summary>Normalises and checks that the path names a kind of object ACLs can be set on.</summary>
    public static bool TryValidate(string? path, [NotNullWhen(true)] out string? normalized)
    {
        normalized = Normalize(path);
        return normalized is not null && KnownPath().IsMatch(normalized);
    }

    /// <summary>The path and each of its ancestors, from <c>/</c> down to the path itself.</summary>
    public static IEnumerable<string> Lineage(string normalizedPath)
    {
        yield return "/";
        if (normalizedPath == "/")
        {
            yield break;
        }
        var index = 0;
        while ((index = normalizedPath.IndexOf('/', index + 1)) > 0)
        {
            yield return normalizedPath[..index];
        }
        yield return normalizedPath;
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex RepeatedSlashes();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_/]+$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex(@"^(/|/access|/access/groups|/access/groups/[A-Za-z0-9.\-_]+|/access/realm|/access/realm/[A-Za-z0-9.\-_]+"
        + @"|/nodes|/nodes/[A-Za-z0-9.\-_]+|/pool|/pool/[A-Za-z0-9.\-_]+|/sdn|/sdn/zones/[A-Za-z0-9.\-_]+(/[A-Za-z0-9.\-_]+(/[0-9]+)?)?"
        + @"|/sdn/vnets/[A-Za-z0-9.\-_]+|/storage|/storage/[A-Za-z0-9.\-_]+|/vms|/vms/[1-9][0-9]{2,}"
        + @"|/mapping|/mapping/(dir|notifications|pci|usb)(/[A-Za-z0-9.\-_]+)?)$")]
    private static partial Regex KnownPath();
}
