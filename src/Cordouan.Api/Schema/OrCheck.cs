namespace Cordouan.Api.Schema;

/// <summary><c>['or', …]</c>: one sub-check must pass; otherwise a bare "Permission check failed".</summary>
public sealed record OrCheck(IReadOnlyList<PermissionCheck> Checks) : PermissionCheck;
