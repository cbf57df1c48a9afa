namespace Cordouan.Access.Permissions;

/// <summary>Every ACL entry of one path, stored at <c>ClusterKeys.AclPrefix</c> + the escaped path.</summary>
internal sealed record AclDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Path { get; init; }

    public IReadOnlyList<AclEntry> Entries { get; init; } = [];
}
