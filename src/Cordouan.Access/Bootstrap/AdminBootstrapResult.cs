namespace Cordouan.Access.Bootstrap;

/// <summary>Whether this call created the admin user, and the password it generated (null when read from a file or not created).</summary>
public sealed record AdminBootstrapResult(bool Created, string? GeneratedPassword)
{
    /// <summary>Keeps the password out of logs and debugger views.</summary>
    public override string ToString() => $"AdminBootstrapResult {{ Created = {Created} }}";
}
