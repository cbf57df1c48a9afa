namespace Cordouan.Core.Errors;

/// <summary>
/// The caller may not do this whatever privileges it holds (HTTP 403 with Proxmox's own text, e.g.
/// <c>only root can set 'args' config</c>): things only root@pam may do, which no ACL grants.
/// </summary>
public sealed class ForbiddenException(string message) : CordouanException(message);
