using System.Text.RegularExpressions;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Permissions;

/// <summary>
/// The access control list: one document per path under <c>ClusterKeys.AclPrefix</c>. An update is one
/// compare-and-swap on that path's document that also compares the granted users' and tokens' documents,
/// so a grant can never name a user deleted at the same moment.
/// </summary>
public sealed partial class AclStore(IClusterStore store, RoleCatalog roles, ILogger<AclStore> logger)
{
    /// <summary>Every entry, ordered by path, type, subject and role (<c>GET /access/acl</c>, before filtering by the caller's rights).</summary>
    public async Task<IReadOnlyList<AclEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await LoadAsync(cancellationToken);
        return [.. table.Values.SelectMany(e => e)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ThenBy(e => e.Type)
            .ThenBy(e => e.Subject, StringComparer.Ordinal)
            .ThenBy(e => e.Role, StringComparer.Ordinal)];
    }

    /// <summary>Applies <c>PUT /access/acl</c>: grants, or with <c>delete</c> revokes, each role to each subject on the path.</summary>
    public async Task UpdateAsync(AclUpdate update, CancellationToken cancellationToken)
    {
        if (!AclPaths.TryValidate(update.Path, out var path))
        {
            throw new ValidationException("path", $"invalid ACL path '{update.Path}'");
        }
        if (update.Roles.Count == 0)
        {
            throw new ValidationException("roles", "property is missing and it is not optional");
        }
        foreach (var role in update.Roles.Where(r => !roles.Exists(r)))
        {
            throw new ValidationException("roles", $"role '{role}' does not exist");
        }
        if (update.Users.Count + update.Groups.Count + update.Tokens.Count == 0)
        {
            throw new ValidationException("users", "either 'users', 'groups' or 'tokens' is required");
        }
        foreach (var group in update.Groups.Where(g => !IsValidGroupName(g)))
        {
            throw new ValidationException("groups", $"group name '{group}' contains invalid characters");
        }
        var subjects = update.Users.Select(u => (AclSubjectType.User, u))
            .Concat(update.Groups.Select(g => (AclSubjectType.Group, g)))
            .Concat(update.Tokens.Select(t => (AclSubjectType.Token, t)))
            .Distinct()
            .ToList();

        await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var compares = new List<TxnCompare>();
            if (!update.Delete)
            {
                compares.AddRange(await SubjectGuardsAsync(update, ct));
            }
            var current = await DocumentStore.ReadAsync(store, KeyFor(path), AccessJsonContext.Default.AclDocument, ct);
            var entries = current?.Document.Entries.ToList() ?? [];
            foreach (var (type, subject) in subjects)
            {
                foreach (var role in update.Roles)
                {
                    entries.RemoveAll(e => e.Type == type && e.Subject == subject && e.Role == role);
                    if (!update.Delete)
                    {
                        entries.Add(new AclEntry(path, type, subject, role, update.Propagate));
                    }
                }
            }
            compares.Add(new TxnCompare(KeyFor(path), current?.ModRevision ?? 0));
            var op = WriteOp(path, entries);
            var result = await store.TransactAsync(compares, [op], ct);
            return (result.Succeeded, true);
        }, cancellationToken);
        Log.AclUpdated(logger, path, update.Delete ? "revoked" : "granted", update.Roles);
    }

    /// <summary>Group names as Proxmox accepts them.</summary>
    public static bool IsValidGroupName(string name) => GroupName().IsMatch(name);

    /// <summary>All entries keyed by path.</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<AclEntry>>> LoadAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.AclPrefix, cancellationToken);
        var table = new Dictionary<string, IReadOnlyList<AclEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var document = DocumentStore.Deserialize(entry, AccessJsonContext.Default.AclDocument);
            table[document.Path] = document.Entries;
        }
        return table;
    }

    /// <summary>The guard and write adding <paramref name="entry"/> to its path (for transactions built elsewhere, e.g. bootstrap).</summary>
    internal async Task<(TxnCompare Compare, TxnOp Op)> PlanGrantAsync(AclEntry entry, CancellationToken cancellationToken)
    {
        var current = await DocumentStore.ReadAsync(store, KeyFor(entry.Path), AccessJsonContext.Default.AclDocument, cancellationToken);
        List<AclEntry> entries = current?.Document.Entries
            .Where(e => !(e.Type == entry.Type && e.Subject == entry.Subject && e.Role == entry.Role))
            .Append(entry)
            .ToList() ?? [entry];
        return (new TxnCompare(KeyFor(entry.Path), current?.ModRevision ?? 0), WriteOp(entry.Path, entries));
    }

    /// <summary>The guards and writes removing every entry that matches <paramref name="predicate"/> (user or token deletion).</summary>
    internal async Task<(IReadOnlyList<TxnCompare> Compares, IReadOnlyList<TxnOp> Ops)> PlanRemoveSubjectAsync(
        Func<AclEntry, bool> predicate, CancellationToken cancellationToken)
    {
        var compares = new List<TxnCompare>();
        var ops = new List<TxnOp>();
        foreach (var entry in await store.ListAsync(ClusterKeys.AclPrefix, cancellationToken))
        {
            var document = DocumentStore.Deserialize(entry, AccessJsonContext.Default.AclDocument);
            if (!document.Entries.Any(predicate))
            {
                continue;
            }
            compares.Add(new TxnCompare(entry.Key, entry.ModRevision));
            ops.Add(WriteOp(document.Path, [.. document.Entries.Where(e => !predicate(e))]));
        }
        return (compares, ops);
    }

    private static string KeyFor(string path) => ClusterKeys.AclPrefix + Uri.EscapeDataString(path);

    private static TxnOp WriteOp(string path, List<AclEntry> entries) =>
        entries.Count == 0
            ? new TxnOp.Delete(KeyFor(path))
            : new TxnOp.Put(KeyFor(path), DocumentStore.Serialize(new AclDocument { Path = path, Entries = entries }, AccessJsonContext.Default.AclDocument));

    /// <summary>Compares pinning every granted user and token to its current revision; throws when one does not exist.</summary>
    private async Task<IReadOnlyList<TxnCompare>> SubjectGuardsAsync(AclUpdate update, CancellationToken cancellationToken)
    {
        var guards = new List<TxnCompare>();
        foreach (var user in update.Users)
        {
            UserIds.Validate(user, "users");
            var entry = await store.GetAsync(ClusterKeys.User(user), cancellationToken);
            if (entry is null && user != AccessIdentity.RootUserId)
            {
                throw new NotFoundException($"user '{user}' does not exist");
            }
            guards.Add(new TxnCompare(ClusterKeys.User(user), entry?.ModRevision ?? 0));
        }
        foreach (var token in update.Tokens)
        {
            if (!ApiTokenIds.TrySplit(token, out var user, out var tokenId))
            {
                throw new ValidationException("tokens", $"value '{token}' does not look like a valid token ID");
            }
            var entry = await store.GetAsync(ClusterKeys.Token(user, tokenId), cancellationToken)
                ?? throw ApiTokenIds.NoSuchToken(user, tokenId);
            guards.Add(new TxnCompare(entry.Key, entry.ModRevision));
        }
        return guards;
    }

    [GeneratedRegex("^[A-Za-z0-9.\\-_]+$")]
    private static partial Regex GroupName();
}
