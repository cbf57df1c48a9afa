using System.Diagnostics.CodeAnalysis;

namespace Cordouan.Access.Permissions;

/// <summary>The roles ACL entries may name (today Proxmox's built-in ones) and their privileges.</summary>
public sealed class RoleCatalog
{
    /// <summary>Role name → privileges, for <c>GET /access/roles</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Roles { get; } =
        BuiltInRoles.Roles.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal);

    /// <summary>Every privilege name.</summary>
    public IReadOnlySet<string> AllPrivileges => BuiltInRoles.AllPrivileges;

    public bool Exists(string role) => BuiltInRoles.Roles.ContainsKey(role);

    /// <summary>Built-in roles cannot be changed (PVE's <c>special</c> flag).</summary>
    public bool IsBuiltIn(string role) => BuiltInRoles.Roles.ContainsKey(role);

    public bool TryGetPrivileges(string role, [NotNullWhen(true)] out IReadOnlySet<string>? privileges)
    {
        if (BuiltInRoles.Roles.TryGetValue(role, out var set))
        {
            privileges = set;
            return true;
        }
        privileges = null;
        return false;
    }
}
