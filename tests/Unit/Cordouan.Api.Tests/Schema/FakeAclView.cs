using Cordouan.Api.Schema;

namespace Cordouan.Api.Tests.Schema;

/// <summary>An ACL view from literal grants: (path, privilege) pairs held by the caller, and users with their groups.</summary>
internal sealed class FakeAclView : IAclView
{
    private readonly HashSet<(string Path, string Privilege)> _grants = [];
    private readonly Dictionary<string, string[]> _users = new(StringComparer.Ordinal);

    public FakeAclView Grant(string path, params string[] privileges)
    {
        foreach (var privilege in privileges)
        {
            _grants.Add((path, privilege));
        }
        return this;
    }

    public FakeAclView User(string userId, params string[] groups)
    {
        _users[userId] = groups;
        return this;
    }

    public bool Has(string path, string privilege) => _grants.Contains((path, privilege));

    public IReadOnlyCollection<string>? GroupsOf(string userId) => _users.GetValueOrDefault(userId);

    public bool GroupExists(string group) => _users.Values.Any(g => g.Contains(group));
}
