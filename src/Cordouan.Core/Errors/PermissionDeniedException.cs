namespace Cordouan.Core.Errors;

/// <summary>The authenticated user lacks a privilege on a path (HTTP 403).</summary>
public sealed class PermissionDeniedException(string path, string privilege)
    : CordouanException($"Permission check failed ({path}, {privilege})");
