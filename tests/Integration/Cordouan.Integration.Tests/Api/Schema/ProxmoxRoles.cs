namespace Cordouan.Integration.Tests.Api.Schema;

/// <summary>
/// Proxmox VE's built-in roles, written out from <c>PVE::AccessControl</c>'s <c>$privgroups</c> and <c>create_roles</c>
/// (pve-access-control), independently of Cordouan's own table: the oracle of the permission matrix.
/// </summary>
internal static class ProxmoxRoles
{
    private static readonly (string Category, string[] Root, string[] Admin, string[] User, string[] Audit)[] Groups =
    [
        ("VM", [],
            ["VM.Config.Disk", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.HWType", "VM.Config.Options", "VM.Allocate",
                "VM.Clone", "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.Replicate", "VM.Snapshot", "VM.Snapshot.Rollback"],
            ["VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup", "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt",
                "VM.GuestAgent.FileWrite", "VM.PowerMgmt"],
            ["VM.Audit", "VM.GuestAgent.Audit"]),
        ("Sys", ["Sys.PowerMgmt", "Sys.Modify", "Sys.Incoming", "Sys.AccessNetwork"], ["Sys.Console", "Sys.Syslog"], [], ["Sys.Audit"]),
        ("Datastore", [], ["Datastore.Allocate", "Datastore.AllocateTemplate"], ["Datastore.AllocateSpace"], ["Datastore.Audit"]),
        ("SDN", [], ["SDN.Allocate", "SDN.Audit"], ["SDN.Use"], ["SDN.Audit"]),
        ("User", ["Realm.Allocate"], ["User.Modify", "Group.Allocate", "Realm.AllocateUser"], [], []),
        ("Pool", [], ["Pool.Allocate"], ["Pool.Audit"], ["Pool.Audit"]),
        ("Mapping", [], ["Mapping.Modify"], ["Mapping.Use"], ["Mapping.Audit"]),
    ];

    public static IReadOnlyDictionary<string, HashSet<string>> Roles { get; } = Build();

    private static Dictionary<string, HashSet<string>> Build()
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { "Permissions.Modify" };
        var roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["NoAccess"] = [],
            ["PVEAdmin"] = [],
            ["PVEAuditor"] = [],
        };
        HashSet<string> Role(string name) => roles.TryGetValue(name, out var set) ? set : roles[name] = [];
        foreach (var (category, root, admin, user, audit) in Groups)
        {
            all.UnionWith([.. root, .. admin, .. user, .. audit]);
            Role($"PVE{category}Admin").UnionWith([.. admin, .. user, .. audit]);
            Role("PVEAdmin").UnionWith([.. admin, .. user, .. audit]);
            if (user.Length > 0)
            {
                Role($"PVE{category}User").UnionWith([.. user, .. audit]);
            }
            Role("PVEAuditor").UnionWith(audit);
        }
        roles["PVEAdmin"].Remove("Mapping.Modify");
        roles["PVETemplateUser"] = ["VM.Clone", "VM.Audit"];
        roles["Administrator"] = all;
        return roles;
    }
}
