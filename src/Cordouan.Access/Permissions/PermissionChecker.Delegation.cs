using Cordouan.Core.Errors;

namespace Cordouan.Access.Permissions;

/// <summary>
/// Checks that keep a privilege holder from handing out more than it holds: ACL changes (Proxmox's update_acl, made
/// stricter) and administration of other users (beyond Proxmox, whose User.Modify reaches every user).
/// </summary>
public sealed partial class PermissionChecker
{
    private const string PermissionsModify = "Permissions.Modify";

    /// <summary>
    /// <c>PUT /access/acl</c>. As Proxmox: the caller needs Permissions.Modify on the path, or on <c>/vms/…</c>,
    /// <c>/storage/…</c> and <c>/pool/…</c> VM.Allocate, Datastore.Allocate or Pool.Allocate (403 otherwise); without
    /// Permissions.Modify it may only add or remove roles whose every privilege it holds there, propagated when the grant
    /// propagates, and never NoAccess (400 on <c>role</c>, Proxmox's texts). Beyond Proxmox: with Permissions.Modify too,
    /// anyone but root@pam may only add or remove roles whose privileges it holds there (403 naming the first one missing).
    /// </summary>
    public async Task CheckAclChangeAsync(AccessIdentity caller, AclUpdate update, CancellationToken cancellationToken)
    {
        var path = AclPaths.Normalize(update.Path) ?? throw new ValidationException("path", $"invalid ACL path '{update.Path}'");
        if (caller.IsRoot)
        {
            return;
        }
        var view = await LoadViewAsync(caller, cancellationToken);
        var held = view.PrivilegesAt(path);
        var canModify = held.Contains(PermissionsModify);
        if (!canModify && (AllocatePrivilegeFor(path) is not { } allocate || !held.Contains(allocate)))
        {
            var wanted = AllocatePrivilegeFor(path) is { } alternative ? PermissionsModify + "|" + alternative : PermissionsModify;
            throw new PermissionDeniedException(path, wanted);
        }
        var heldBelow = view.PrivilegesAt(path, below: true);
        var verb = update.Delete ? "remove" : "add";
        foreach (var role in update.Roles)
        {
            if (!roles.TryGetPrivileges(role, out var privileges))
            {
                continue; // AclStore answers "role does not exist"
            }
            if (!canModify && role == BuiltInRoles.NoAccess)
            {
                throw new ValidationException("role", $"Cannot {verb} role '{role}' - requires 'Permissions.Modify'");
            }
            foreach (var privilege in privileges.Order(StringComparer.Ordinal))
            {
                var propagationMissing = update.Propagate && !update.Delete && !heldBelow.Contains(privilege);
                if (held.Contains(privilege) && !propagationMissing)
                {
                    continue;
                }
                if (canModify)
                {
                    throw new PermissionDeniedException(path, privilege);
                }
                throw new ValidationException("role", held.Contains(privilege)
                    ? $"Cannot {verb} role '{role}' with propagation - requires 'Permissions.Modify' or propagated superset of privileges."
                    : $"Cannot {verb} role '{role}' - requires 'Permissions.Modify' or superset of privileges.");
            }
        }
    }

    /// <summary>
    /// Beyond Proxmox: the caller (holding User.Modify, checked elsewhere) may change, delete or manage the tokens of
    /// <paramref name="targetUserId"/> only when, on every ACL path and below it, the target holds no privilege the caller
    /// lacks; with <paramref name="groups"/>, the target is judged as a member of those groups (a create or a group change),
    /// so that nobody is put into a group stronger than the caller. root@pam is reached by root@pam alone.
    /// Throws <see cref="PermissionDeniedException"/> naming the first privilege the caller lacks.
    /// </summary>
    public async Task CheckUserManagementAsync(AccessIdentity caller, string targetUserId, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        if (caller.IsRoot)
        {
            return;
        }
        if (targetUserId == AccessIdentity.RootUserId)
        {
            throw new PermissionDeniedException("/access/users/" + AccessIdentity.RootUserId, "User.Modify");
        }
        var table = await acl.LoadAsync(cancellationToken);
        var callerView = await LoadViewAsync(caller, table, groups: null, cancellationToken);
        var targetView = await LoadViewAsync(AccessIdentity.ForUser(targetUserId), table, groups, cancellationToken);
        foreach (var path in DefaultPermissionPaths.Concat(table.Keys).Distinct(StringComparer.Ordinal))
        {
            foreach (var below in (ReadOnlySpan<bool>)[false, true])
            {
                var held = callerView.PrivilegesAt(path, below);
                var missing = targetView.PrivilegesAt(path, below).Where(p => !held.Contains(p)).Order(StringComparer.Ordinal).FirstOrDefault();
                if (missing is not null)
                {
                    throw new PermissionDeniedException(path, missing);
                }
            }
        }
    }

    /// <summary>The privilege that stands in for Permissions.Modify below a kind of object (Proxmox's check_perm_modify).</summary>
    private static string? AllocatePrivilegeFor(string path) =>
        path.StartsWith("/storage/", StringComparison.Ordinal) ? "Datastore.Allocate"
        : path.StartsWith("/vms/", StringComparison.Ordinal) ? "VM.Allocate"
        : path.StartsWith("/pool/", StringComparison.Ordinal) ? "Pool.Allocate"
        : null;
}
