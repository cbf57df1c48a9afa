namespace Cordouan.Access.Permissions;

/// <summary>A token as permission evaluation sees it: unusable when it is missing or expired.</summary>
internal sealed record TokenAccess(string FullTokenId, bool Usable, bool PrivilegeSeparation);
