namespace Cordouan.Access.Permissions;

/// <summary>One grant: <paramref name="Role"/> on <paramref name="Path"/> to a user, group or token (PVE's <c>ugid</c>).</summary>
/// <param name="Propagate">Whether the grant also applies below <paramref name="Path"/>.</param>
public sealed record AclEntry(string Path, AclSubjectType Type, string Subject, string Role, bool Propagate);
