namespace Cordouan.Api.Schema;

/// <summary><c>['perm', '/vms/{vmid}', [privs], any =&gt; 1, require_param =&gt; 'pool']</c>: all (or any) of the privileges on the path, <c>{name}</c> filled from the parameters.</summary>
public sealed record PathPermissionCheck(string PathTemplate, IReadOnlyList<string> Privileges, bool Any = false, string? RequireParam = null) : PermissionCheck;
