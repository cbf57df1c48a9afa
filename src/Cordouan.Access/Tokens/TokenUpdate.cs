namespace Cordouan.Access.Tokens;

/// <summary>Fields of <c>PUT /access/users/{userid}/token/{tokenid}</c>: null leaves a field unchanged, an empty comment clears it.</summary>
public sealed record TokenUpdate
{
    public string? Comment { get; init; }

    public long? Expire { get; init; }

    public bool? PrivilegeSeparation { get; init; }
}
