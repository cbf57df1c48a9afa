namespace Cordouan.Api.Schema;

/// <summary><c>['perm-modify', '{path}']</c>: Permissions.Modify on the path, or the object's own allocate privilege there (<c>check_perm_modify</c>).</summary>
public sealed record PermModifyCheck(string PathTemplate) : PermissionCheck;
