namespace Cordouan.Access.Permissions;

/// <summary>
/// <c>PUT /access/acl</c>: grant (or with <see cref="Delete"/> revoke) every role in <see cref="Roles"/> on
/// <see cref="Path"/> to every listed user, group and token.
/// </summary>
public sealed record AclUpdate
{
    public required string Path { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<string> Tokens { get; init; } = [];

    public bool Propagate { get; init; } = true;

    public bool Delete { get; init; }
}
