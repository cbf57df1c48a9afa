using System.Collections.Frozen;

namespace Cordouan.Access.Permissions;

/// <summary>
/// Proxmox's predefined roles, derived as PVE derives them: privileges are grouped per category into
/// root-only, admin, user and audit; <c>PVE&lt;Cat&gt;Admin</c> gets admin+user+audit, <c>PVE&lt;Cat&gt;User</c>
/// user+audit, <c>PVEAdmin</c> every category's admin+user+audit, <c>PVEAuditor</c> every audit privilege,
/// <c>Administrator</c> everything and <c>NoAccess</c> nothing.
/// </summary>
internal static class BuiltInRoles
{
    public const string Administrator = "Administrator";
    public const string NoAccess = "NoAccess";

    private static readonly Category[] Categories =
    [
        new("VM",
            Root: [],
            Admin: ["VM.Config.Disk", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.HWType", "VM.Config.Options",
                "VM.Allocate", "VM.Clone", "VM.Migrate", "VM.Monitor", "VM.Snapshot", "VM.Snapshot.Rollback"],
            User: ["VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup", "VM.PowerMgmt"],
            Audit: ["VM.Audit"]),
        new("Sys",
            Root: ["Sys.PowerMgmt", "Sys.Modify", "Sys.Incoming", "Sys.AccessNetwork"],
            Admin: ["Sys.Console", "Sys.Syslog"],
            User: [],
            Audit: ["Sys.Audit"]),
        new("Datastore",
            Root: [],
            Admin: ["Datastore.Allocate", "Datastore.AllocateTemplate"],
            User: ["Datastore.AllocateSpace"],
            Audit: ["Datastore.Audit"]),
        new("SDN",
            Root: [],
            Admin: ["SDN.Allocate", "SDN.Audit"],
            User: ["SDN.Use"],
            Audit: ["SDN.Audit"]),
        new("User",
            Root: ["Realm.Allocate"],
            Admin: ["User.Modify", "Group.Allocate", "Realm.AllocateUser"],
            User: [],
            Audit: []),
        new("Pool",
            Root: [],
            Admin: ["Pool.Allocate"],
            User: ["Pool.Audit"],
            Audit: ["Pool.Audit"]),
        new("Mapping",
            Root: [],
            Admin: ["Mapping.Modify"],
            User: ["Mapping.Use"],
            Audit: ["Mapping.Audit"]),
    ];

    /// <summary>Every privilege name Cordouan knows.</summary>
    /// <remarks>Permissions.Modify belongs to no category (Proxmox's <c>$valid_privs</c>): only Administrator holds it.</remarks>
    public static FrozenSet<string> AllPrivileges { get; } =
        Categories.SelectMany(c => c.Root.Concat(c.Admin).Concat(c.User).Concat(c.Audit)).Append("Permissions.Modify").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Role name → privileges.</summary>
    public static FrozenDictionary<string, FrozenSet<string>> Roles { get; } = Build();

    private static FrozenDictionary<string, FrozenSet<string>> Build()
    {
        var roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [Administrator] = [.. AllPrivileges],
            [NoAccess] = [],
            ["PVEAdmin"] = [],
            ["PVEAuditor"] = [],
            ["PVETemplateUser"] = ["VM.Clone", "VM.Audit"],
        };
        foreach (var category in Categories)
        {
            string[] adminSet = [.. category.Admin, .. category.User, .. category.Audit];
            Add(roles, $"PVE{category.Name}Admin", adminSet);
            Add(roles, "PVEAdmin", adminSet);
            if (category.User.Length > 0)
            {
                Add(roles, $"PVE{category.Name}User", [.. category.User, .. category.Audit]);
            }
            Add(roles, "PVEAuditor", category.Audit);
        }
        return roles.ToFrozenDictionary(r => r.Key, r => r.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, HashSet<string>> roles, string role, IEnumerable<string> privileges)
    {
        if (!roles.TryGetValue(role, out var set))
        {
            roles[role] = set = [];
        }
        set.UnionWith(privileges);
    }

    private sealed record Category(string Name, string[] Root, string[] Admin, string[] User, string[] Audit);
}
