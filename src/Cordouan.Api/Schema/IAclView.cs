namespace Cordouan.Api.Schema;

/// <summary>What the <see cref="PermissionEvaluator"/> needs to know about the caller and the user configuration.</summary>
public interface IAclView
{
    /// <summary>Whether the caller holds <paramref name="privilege"/> on the normalised ACL path.</summary>
    bool Has(string path, string privilege);

    /// <summary>The groups of <paramref name="userId"/>, or null when no such user exists.</summary>
    IReadOnlyCollection<string>? GroupsOf(string userId);

    /// <summary>Whether the group exists (Proxmox only counts groups of its user configuration).</summary>
    bool GroupExists(string group);
}
