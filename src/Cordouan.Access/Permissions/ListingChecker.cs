using Cordouan.Core.Errors;

namespace Cordouan.Access.Permissions;

/// <summary>
/// Answers many (path, privilege) checks from one <see cref="PermissionView"/>, for listings. Levels without ACL
/// entries change nothing in the walk from <c>/</c>, so every path below the same deepest level with entries (its
/// anchor) has the same privileges: one walk per anchor serves a listing of 10,000 VMs. The anchor itself is kept
/// apart, since entries with propagate=0 apply only there. A path already in normal form (the usual <c>/vms/100</c>)
/// is neither normalised again nor cut into substrings: its levels are looked up as spans. Not thread-safe: one per request.
/// </summary>
internal sealed class ListingChecker
{
    private readonly PermissionView _view;
    private readonly Dictionary<string, AnchorPrivileges>.AlternateLookup<ReadOnlySpan<char>> _anchors;
    private IReadOnlySet<string>? _withoutAnchor;

    public ListingChecker(PermissionView view)
    {
        _view = view;
        var anchors = new Dictionary<string, AnchorPrivileges>(StringComparer.Ordinal);
        foreach (var path in view.PathsWithEntries)
        {
            anchors[path] = new AnchorPrivileges();
        }
        _anchors = anchors.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Allows(string path, string privilege)
    {
        var normalized = IsNormalized(path) ? path : AclPaths.Normalize(path) ?? throw new ValidationException("path", $"invalid ACL path '{path}'");
        return PrivilegesAt(normalized).Contains(privilege);
    }

    private IReadOnlySet<string> PrivilegesAt(string normalized)
    {
        var candidate = normalized.AsSpan();
        while (true)
        {
            if (_anchors.TryGetValue(candidate, out var anchor))
            {
                return candidate.Length == normalized.Length
                    ? anchor.Exact ??= _view.PrivilegesAt(normalized)
                    : anchor.Below ??= _view.PrivilegesAt(normalized);
            }
            if (candidate is "/")
            {
                return _withoutAnchor ??= _view.PrivilegesAt(normalized);
            }
            candidate = candidate[..Math.Max(1, candidate.LastIndexOf('/'))];
        }
    }

    /// <summary>True when <see cref="AclPaths.Normalize"/> would return <paramref name="path"/> unchanged (checked without regex).</summary>
    internal static bool IsNormalized(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/' || (path.Length > 1 && path[^1] == '/'))
        {
            return false;
        }
        var previous = '\0';
        foreach (var c in path)
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/';
            if (!allowed || (c == '/' && previous == '/'))
            {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /// <summary>The privileges on an anchor itself and on any path below it, each computed on first use.</summary>
    private sealed class AnchorPrivileges
    {
        public IReadOnlySet<string>? Exact { get; set; }

        public IReadOnlySet<string>? Below { get; set; }
    }
}
