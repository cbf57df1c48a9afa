using System.Collections.Frozen;

namespace Cordouan.Access.Permissions;

/// <summary>
/// Everything needed to answer "which privileges does this identity have on path P", loaded once so that
/// <c>cap</c> and <c>GET /access/permissions</c> can ask for many paths. Proxmox's rules:
/// walk from <c>/</c> down to P; at each level the identity's own entries (user, or token) that apply there
/// (propagating ones, or any at P itself) replace what was inherited; for a user, if it has none at that level,
/// its groups' entries do. <c>NoAccess</c> among the result wipes everything. root@pam has every privilege.
/// A token without privilege separation has its user's privileges; with it, the intersection of its user's
/// and its own.
/// </summary>
internal sealed class PermissionView
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<AclEntry>> _acl;
    private readonly RoleCatalog _roles;
    private readonly string _userId;
    private readonly IReadOnlySet<string> _groups;
    private readonly TokenAccess? _token;

    public PermissionView(
        IReadOnlyDictionary<string, IReadOnlyList<AclEntry>> acl, RoleCatalog roles, string userId, IReadOnlySet<string> groups, TokenAccess? token)
    {
        _acl = acl;
        _roles = roles;
        _userId = userId;
        _groups = groups;
        _token = token;
    }

    /// <summary>Every path that has ACL entries.</summary>
    public IEnumerable<string> PathsWithEntries => _acl.Keys;

    /// <summary>
    /// The effective privileges on a normalised path or, with <paramref name="below"/>, on any path under it that has no
    /// entries of its own (only propagating entries reach there).
    /// </summary>
    public IReadOnlySet<string> PrivilegesAt(string path, bool below = false)
    {
        if (_token is null)
        {
            return UserPrivilegesAt(path, below);
        }
        if (!_token.Usable)
        {
            return FrozenSet<string>.Empty;
        }
        var user = UserPrivilegesAt(path, below);
        if (!_token.PrivilegeSeparation)
        {
            return user;
        }
        var own = Privileges(RolesAt(path, below, e => e.Type == AclSubjectType.Token && e.Subject == _token.FullTokenId, groupFallback: false));
        return user.Where(own.Contains).ToFrozenSet(StringComparer.Ordinal);
    }

    private IReadOnlySet<string> UserPrivilegesAt(string path, bool below) =>
        _userId == AccessIdentity.RootUserId
            ? _roles.AllPrivileges
            : Privileges(RolesAt(path, below, e => e.Type == AclSubjectType.User && e.Subject == _userId, groupFallback: true));

    private HashSet<string> RolesAt(string path, bool below, Func<AclEntry, bool> own, bool groupFallback)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in AclPaths.Lineage(path))
        {
            if (!_acl.TryGetValue(level, out var entries))
            {
                continue;
            }
            var final = !below && level == path;
            var applicable = entries.Where(e => final || e.Propagate).ToList();
            var mine = applicable.Where(own).ToList();
            if (mine.Count == 0 && groupFallback)
            {
                mine = [.. applicable.Where(e => e.Type == AclSubjectType.Group && _groups.Contains(e.Subject))];
            }
            if (mine.Count > 0)
            {
                roles = [.. mine.Select(e => e.Role)];
            }
        }
        return roles;
    }

    private FrozenSet<string> Privileges(HashSet<string> roles)
    {
        if (roles.Contains(BuiltInRoles.NoAccess))
        {
            return FrozenSet<string>.Empty;
        }
        var privileges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (_roles.TryGetPrivileges(role, out var set))
            {
                privileges.UnionWith(set);
            }
        }
        return privileges.ToFrozenSet(StringComparer.Ordinal);
    }
}
