using Cordouan.Access;
using Cordouan.Access.Permissions;

namespace Cordouan.Api.Auth;

/// <summary><see cref="IAccessGuard"/> over the ACL-based <see cref="PermissionChecker"/>.</summary>
public sealed class AccessGuard(PermissionChecker permissions) : IAccessGuard
{
    public Task RequireAsync(AccessIdentity caller, string path, string privilege, CancellationToken cancellationToken) =>
        permissions.CheckAsync(caller, path, privilege, cancellationToken);

    public Task<Func<string, string, bool>> ForCallerAsync(AccessIdentity caller, CancellationToken cancellationToken) =>
        permissions.LoadCheckerAsync(caller, cancellationToken);

    public Task<bool> HasAsync(AccessIdentity caller, string path, string privilege, CancellationToken cancellationToken) =>
        permissions.HasPrivilegeAsync(caller, path, privilege, cancellationToken);
}
