using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Node.Storage;

namespace Cordouan.Api.Endpoints.Qemu.Permissions;

/// <summary>
/// The checks Proxmox's qemu handlers make beyond each method's declared permission: per config key, per storage a
/// disk is allocated on, per existing volume a config refers to or imports from, and what only root@pam may do.
/// One per request: the caller's ACL is loaded once. Refusals are Proxmox's: 403 <c>Permission check failed (path, priv)</c>,
/// 403 with Proxmox's text for root-only things, 400 naming the key for values Proxmox rejects as parameters.
/// Split by concern: <c>.Config.cs</c> (keys and devices), <c>.Storage.cs</c> (disks and volumes).
/// </summary>
public sealed partial class VmAccessChecker
{
    private readonly AccessIdentity _caller;
    private readonly Func<string, string, bool> _allowed;
    private readonly Func<string, CancellationToken, Task<StorageDefinition>> _storage;

    public VmAccessChecker(AccessIdentity caller, Func<string, string, bool> allowed, Func<string, CancellationToken, Task<StorageDefinition>> storage)
    {
        _caller = caller;
        _allowed = allowed;
        _storage = storage;
    }

    public static async Task<VmAccessChecker> LoadAsync(IAccessGuard guard, AccessIdentity caller, StorageRegistry storages, CancellationToken cancellationToken) =>
        new(caller, await guard.ForCallerAsync(caller, cancellationToken), storages.GetAsync);

    public bool IsRoot => _caller.IsRoot;

    /// <summary>Proxmox's <c>$rpcenv-&gt;check</c>: every privilege, the first missing one named.</summary>
    public void Require(string path, params string[] privileges)
    {
        foreach (var privilege in privileges)
        {
            if (!_allowed(path, privilege))
            {
                throw new PermissionDeniedException(path, privilege);
            }
        }
    }

    /// <summary>Proxmox's <c>check_any</c>: one of the privileges, all named when none is held.</summary>
    public void RequireAny(string path, params string[] privileges)
    {
        if (!privileges.Any(p => _allowed(path, p)))
        {
            throw new PermissionDeniedException(path, string.Join('|', privileges));
        }
    }

    public bool Has(string path, string privilege) => _allowed(path, privilege);

    /// <summary>Refuses anyone but root@pam (its tokens included, as Proxmox's <c>$authuser eq 'root@pam'</c>) with <paramref name="message"/>.</summary>
    public void RequireRoot(string message)
    {
        if (!_caller.IsRoot)
        {
            throw new ForbiddenException(message);
        }
    }

    private static string VmPath(VmId vmid) => $"/vms/{vmid}";
}
