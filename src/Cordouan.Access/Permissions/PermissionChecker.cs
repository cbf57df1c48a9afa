using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Permissions;

/// <summary>Answers privilege questions for users and tokens from the ACL (rules on <see cref="PermissionView"/>).</summary>
public sealed partial class PermissionChecker(IClusterStore store, AclStore acl, RoleCatalog roles, TimeProvider timeProvider)
{
    // Proxmox's compute_api_permission: paths always examined, and which privileges each cap section shows.
    private static readonly string[] CapabilityPaths = ["/", "/nodes", "/access/groups", "/vms", "/storage", "/sdn", "/mapping"];
    private static readonly string[] DefaultPermissionPaths = ["/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms", "/mapping"];

    /// <summary>The effective privileges of <paramref name="identity"/> on <paramref name="path"/>.</summary>
    public async Task<IReadOnlySet<string>> GetPrivilegesAsync(AccessIdentity identity, string path, CancellationToken cancellationToken)
    {
        var view = await LoadViewAsync(identity, cancellationToken);
        return view.PrivilegesAt(NormalizeOrThrow(path));
    }

    public async Task<bool> HasPrivilegeAsync(AccessIdentity identity, string path, string privilege, CancellationToken cancellationToken) =>
        (await GetPrivilegesAsync(identity, path, cancellationToken)).Contains(privilege);

    /// <summary>Loads the identity's ACL view once and answers many (path, privilege) checks from it, for listings.</summary>
    /// <remarks>One walk per ACL anchor, and no regex or allocation for paths already normalised (see <see cref="ListingChecker"/>). Not thread-safe: one per request.</remarks>
    public async Task<Func<string, string, bool>> LoadCheckerAsync(AccessIdentity identity, CancellationToken cancellationToken)
    {
        var view = await LoadViewAsync(identity, cancellationToken);
        return new ListingChecker(view).Allows;
    }

    /// <summary>Throws <see cref="PermissionDeniedException"/> unless the identity holds <paramref name="privilege"/> on the path.</summary>
    public async Task CheckAsync(AccessIdentity identity, string path, string privilege, CancellationToken cancellationToken)
    {
        if (!await HasPrivilegeAsync(identity, path, privilege, cancellationToken))
        {
            throw new PermissionDeniedException(AclPaths.Normalize(path) ?? path, privilege);
        }
    }

    /// <summary>Throws <see cref="PermissionDeniedException"/> unless the identity holds at least one of <paramref name="privileges"/>.</summary>
    public async Task CheckAnyAsync(AccessIdentity identity, string path, IReadOnlyList<string> privileges, CancellationToken cancellationToken)
    {
        var held = await GetPrivilegesAsync(identity, path, cancellationToken);
        if (!privileges.Any(held.Contains))
        {
            throw new PermissionDeniedException(AclPaths.Normalize(path) ?? path, string.Join('|', privileges));
        }
    }

    /// <summary>The <c>cap</c> map of <c>POST /access/ticket</c>: section (<c>vms</c>, <c>storage</c>, <c>nodes</c>, <c>access</c>, <c>dc</c>, <c>sdn</c>, <c>mapping</c>) → {privilege: 1}.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> CapabilitiesAsync(AccessIdentity identity, CancellationToken cancellationToken)
    {
        var view = await LoadViewAsync(identity, cancellationToken);
        var sections = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var name in new[] { "vms", "storage", "nodes", "access", "dc", "sdn", "mapping" })
        {
            sections[name] = new SortedDictionary<string, int>(StringComparer.Ordinal);
        }
        foreach (var path in CapabilityPaths.Concat(view.PathsWithEntries).Distinct(StringComparer.Ordinal))
        {
            var privileges = view.PrivilegesAt(path);
            var top = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "dc";
            if (top == "pool")
            {
                foreach (var privilege in privileges.Where(p => SectionFilter("vms").IsMatch(p) || SectionFilter("storage").IsMatch(p)))
                {
                    sections["vms"][privilege] = 1;
                    sections["storage"][privilege] = 1;
                }
                continue;
            }
            if (!sections.TryGetValue(top, out var section))
            {
                continue;
            }
            foreach (var privilege in privileges.Where(p => SectionFilter(top).IsMatch(p)))
            {
                section[privilege] = 1;
            }
        }
        return sections.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, int>)s.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>GET /access/permissions</c>: with a path, {path: {privilege: 1}} (possibly empty); without, every top-level
    /// and ACL path on which the identity holds anything.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> PermissionsAsync(
        AccessIdentity identity, string? path, CancellationToken cancellationToken)
    {
        var view = await LoadViewAsync(identity, cancellationToken);
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        if (path is not null)
        {
            result[path] = AsMap(view.PrivilegesAt(NormalizeOrThrow(path)));
            return result;
        }
        foreach (var candidate in DefaultPermissionPaths.Concat(view.PathsWithEntries).Distinct(StringComparer.Ordinal))
        {
            var privileges = view.PrivilegesAt(candidate);
            if (privileges.Count > 0)
            {
                result[candidate] = AsMap(privileges);
            }
        }
        return result;
    }

    internal async Task<PermissionView> LoadViewAsync(AccessIdentity identity, CancellationToken cancellationToken) =>
        await LoadViewAsync(identity, await acl.LoadAsync(cancellationToken), groups: null, cancellationToken);

    /// <summary>The view over an already loaded ACL <paramref name="table"/>; <paramref name="groups"/> replaces the user's stored groups when given.</summary>
    private async Task<PermissionView> LoadViewAsync(
        AccessIdentity identity, IReadOnlyDictionary<string, IReadOnlyList<AclEntry>> table, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> memberOf = groups?.ToFrozenSet(StringComparer.Ordinal) ?? FrozenSet<string>.Empty;
        var user = groups is null
            ? await DocumentStore.ReadAsync(store, ClusterKeys.User(identity.UserId), AccessJsonContext.Default.UserDocument, cancellationToken)
            : null;
        if (user is not null)
        {
            memberOf = user.Document.Groups.ToFrozenSet(StringComparer.Ordinal);
        }
        TokenAccess? token = null;
        if (identity.TokenId is { } tokenId)
        {
            var stored = await DocumentStore.ReadAsync(store, ClusterKeys.Token(identity.UserId, tokenId), AccessJsonContext.Default.TokenDocument, cancellationToken);
            token = new TokenAccess(
                ApiTokenIds.Join(identity.UserId, tokenId),
                Usable: stored is not null && !stored.Document.IsExpired(timeProvider.GetUtcNow()),
                PrivilegeSeparation: stored?.Document.PrivilegeSeparation ?? true);
        }
        return new PermissionView(table, roles, identity.UserId, memberOf, token);
    }

    private static string NormalizeOrThrow(string path) =>
        AclPaths.Normalize(path) ?? throw new ValidationException("path", $"invalid ACL path '{path}'");

    private static SortedDictionary<string, int> AsMap(IReadOnlySet<string> privileges)
    {
        var map = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var privilege in privileges)
        {
            map[privilege] = 1;
        }
        return map;
    }

    private static Regex SectionFilter(string section) => section switch
    {
        "vms" => VmsSection(),
        "access" => AccessSection(),
        "storage" => StorageSection(),
        "nodes" => NodesSection(),
        "sdn" => SdnSection(),
        "dc" => DcSection(),
        "mapping" => MappingSection(),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "unknown cap section"),
    };

    [GeneratedRegex(@"^(VM\.|Permissions\.Modify)")]
    private static partial Regex VmsSection();

    [GeneratedRegex(@"^((User|Group)\.|Permissions\.Modify)")]
    private static partial Regex AccessSection();

    [GeneratedRegex(@"^(Datastore\.|Permissions\.Modify)")]
    private static partial Regex StorageSection();

    [GeneratedRegex(@"^(Sys\.|Permissions\.Modify)")]
    private static partial Regex NodesSection();

    [GeneratedRegex(@"^(SDN\.|Permissions\.Modify)")]
    private static partial Regex SdnSection();

    [GeneratedRegex(@"^(Sys\.Audit|Sys\.Modify|SDN\.)")]
    private static partial Regex DcSection();

    [GeneratedRegex(@"^(Mapping\.|Permissions\.Modify)")]
    private static partial Regex MappingSection();
}
