namespace Cordouan.Api.Schema;

/// <summary>One node of a Proxmox <c>check</c> expression (<c>perm</c>, <c>and</c>, <c>or</c>, <c>userid-param</c>, <c>userid-group</c>, <c>perm-modify</c>).</summary>
public abstract record PermissionCheck;
