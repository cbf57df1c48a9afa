using Cordouan.Access;
namespace Cordouan.Api.Auth;

/// <summary>Privilege checks for endpoints (Proxmox privilege names on ACL paths such as <c>/vms/100</c>).</summary>
public interface IAccessGuard
{
    /// <summary>Throws <see cref="Core.Errors.PermissionDeniedException"/> unless the caller has the privilege on the path.</summary>
    Task RequireAsync(AccessIdentity caller, string path, string privilege, CancellationToken cancellationToken);

    /// <summary>One ACL load for many checks (listings filter every item by the caller's privileges).</summary>
    Task<Func<string, string, bool>> ForCallerAsync(AccessIdentity caller, CancellationToken cancellationToken);

    Task<bool> HasAsync(AccessIdentity caller, string path, string privilege, CancellationToken cancellationToken);
}
