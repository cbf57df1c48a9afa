namespace Cordouan.Api.Schema;

/// <summary><c>['and', …]</c>: every sub-check must pass; the first failure is the answer.</summary>
public sealed record AndCheck(IReadOnlyList<PermissionCheck> Checks) : PermissionCheck;
