namespace Cordouan.Access.Users;

/// <summary>Fields of <c>PUT /access/users/{userid}</c>: null leaves a field unchanged, an empty string clears it.</summary>
public sealed record UserUpdate
{
    public bool? Enable { get; init; }

    public long? Expire { get; init; }

    public string? Firstname { get; init; }

    public string? Lastname { get; init; }

    public string? Email { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Add <see cref="Groups"/> to the current ones instead of replacing them (PVE's <c>append</c>).</summary>
    public bool AppendGroups { get; init; }
}
