namespace Cordouan.Api.Schema;

/// <summary>The answer of the <see cref="PermissionEvaluator"/>: allowed, or why not in Proxmox's words.</summary>
public sealed record PermissionVerdict(PermissionOutcome Outcome, string? Message = null)
{
    public static PermissionVerdict Allowed { get; } = new(PermissionOutcome.Allowed);

    public bool IsAllowed => Outcome == PermissionOutcome.Allowed;

    /// <summary><c>raise_perm_exc($what)</c>: "Permission check failed" with <c>($what)</c> when given.</summary>
    public static PermissionVerdict Denied(string? what) =>
        new(PermissionOutcome.Denied, what is null ? "Permission check failed" : $"Permission check failed ({what})");
}
