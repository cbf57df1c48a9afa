namespace Cordouan.Api.Endpoints.Qemu.Permissions;

/// <summary>What setting one VM config key needs: <paramref name="Privileges"/> on <c>/vms/{vmid}</c> as <paramref name="Check"/> says.</summary>
/// <param name="SysModifyOnRoot">Also Sys.Modify on <c>/</c> (<c>startup</c> changes how the host boots its guests).</param>
public sealed record ConfigKeyPrivilege(ConfigKeyCheck Check, IReadOnlyList<string> Privileges, bool SysModifyOnRoot = false)
{
    public static ConfigKeyPrivilege ValueDependent { get; } = new(ConfigKeyCheck.ValueDependent, []);

    public static ConfigKeyPrivilege RootOnly { get; } = new(ConfigKeyCheck.RootOnly, []);

    public static ConfigKeyPrivilege AllOf(params string[] privileges) => new(ConfigKeyCheck.All, privileges);

    public static ConfigKeyPrivilege AnyOf(params string[] privileges) => new(ConfigKeyCheck.Any, privileges);
}
