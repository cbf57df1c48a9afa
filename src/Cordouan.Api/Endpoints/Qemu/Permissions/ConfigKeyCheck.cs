namespace Cordouan.Api.Endpoints.Qemu.Permissions;

/// <summary>How the right to set (or delete) one VM config key is decided.</summary>
public enum ConfigKeyCheck
{
    /// <summary>Decided from the value (disks, CD-ROMs, unusedN, serialN, usbN, hostpciN, virtiofsN, tags): see <see cref="VmAccessChecker"/>.</summary>
    ValueDependent,

    /// <summary>Every privilege listed, on the VM.</summary>
    All,

    /// <summary>At least one of the privileges listed, on the VM.</summary>
    Any,

    /// <summary>root@pam only (<c>args</c>, <c>hookscript</c>, <c>lock</c>, …, and every key Proxmox does not classify).</summary>
    RootOnly,
}
