using System.Collections.Frozen;

namespace Cordouan.Api.Schema;

/// <summary>
/// Where Cordouan deliberately departs from a method's Proxmox permissions. Proxmox keeps these methods to root@pam (no
/// <c>permissions</c> at all); Cordouan's cluster is administered by its bootstrap administrator (admin@pve, Administrator
/// on <c>/</c>) rather than by the host's root account, so they take Sys.Modify on <c>/</c>, which only Administrator and
/// root hold (it is a root-only privilege of Proxmox's Sys group: no PVE*Admin role has it).
/// </summary>
public static class CordouanPermissionOverrides
{
    private static readonly MethodPermission SysModifyOnRoot = new(PermissionMode.Check, new PathPermissionCheck("/", ["Sys.Modify"]));

    private static readonly FrozenDictionary<string, MethodPermission> ByMethod = new Dictionary<string, MethodPermission>(StringComparer.Ordinal)
    {
        ["POST /cluster/config"] = SysModifyOnRoot,
        ["POST /cluster/config/join"] = SysModifyOnRoot,
        ["POST /cluster/config/nodes/{node}"] = SysModifyOnRoot,
        ["DELETE /cluster/config/nodes/{node}"] = SysModifyOnRoot,
        ["POST /nodes/{node}/ceph/osd"] = SysModifyOnRoot,
        ["DELETE /nodes/{node}/ceph/osd/{osdid}"] = SysModifyOnRoot,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The permissions Cordouan enforces on <paramref name="method"/>: Proxmox's, unless overridden here.</summary>
    public static MethodPermission For(ApiMethod method) =>
        ByMethod.GetValueOrDefault($"{method.HttpMethod} {method.PathTemplate}", method.Permission);
}
