using Cordouan.Access;

namespace Cordouan.Api.Schema;

/// <summary>
/// <see cref="IAclView"/> over the caller's loaded ACL checker and the one user a <c>userid-*</c> check may ask about.
/// Cordouan keeps no separate group registry (a group exists by being named on users and in ACLs), so every
/// well-formed group name counts as existing.
/// </summary>
public sealed class SchemaAclView(Func<string, string, bool> allows, string? knownUser, IReadOnlyCollection<string>? knownUserGroups) : IAclView
{
    public bool Has(string path, string privilege) => allows(path, privilege);

    public IReadOnlyCollection<string>? GroupsOf(string userId) =>
        userId == knownUser ? knownUserGroups : userId == AccessIdentity.RootUserId ? [] : null;

    public bool GroupExists(string group) => PveFormats.Check("pve-groupid", group) is null;
}
