namespace Cordouan.Api.Schema;

public enum PermissionOutcome
{
    Allowed,

    /// <summary>HTTP 403 with the message (<c>Permission check failed (…)</c>).</summary>
    Denied,

    /// <summary>The <c>userid</c> parameter is not a valid user name (Proxmox dies inside the check; we answer 400 on <c>userid</c>).</summary>
    InvalidUser,

    /// <summary>The <c>userid</c> user does not exist: Proxmox's "no such user ('…')" (HTTP 500, as Proxmox answers it).</summary>
    NoSuchUser,
}
