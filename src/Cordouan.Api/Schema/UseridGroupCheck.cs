namespace Cordouan.Api.Schema;

/// <summary>
/// <c>['userid-group', [privs], groups_param =&gt; 'create'|'update']</c>: any of the privileges on <c>/access/groups</c>, or on a
/// group the <c>userid</c> user belongs to (and, with <c>groups_param</c>, on every group named in <c>groups</c>).
/// </summary>
public sealed record UseridGroupCheck(IReadOnlyList<string> Privileges, string? GroupsParam = null) : PermissionCheck;
