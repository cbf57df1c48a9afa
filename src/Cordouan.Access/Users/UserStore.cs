using Cordouan.Access.Permissions;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Users;

/// <summary>
/// Users in the cluster store (<c>ClusterKeys.User</c>). <c>root@pam</c> always exists: it is shown even when
/// nothing is stored for it, and cannot be deleted. Every write is a compare-and-swap on the user's document. Changing the
/// password, disabling or expiring a user gives it a new ticket generation, which ends its existing tickets.
/// </summary>
public sealed partial class UserStore(IClusterStore store, AclStore acl, AccessOptions options, TimeProvider timeProvider, ILogger<UserStore> logger)
{
    private const int MinPasswordLength = 8;
    private const int MaxPasswordLength = 1024;

    private readonly Lazy<string> _dummyHash = new(() => PasswordHash.Create("cordouan-no-such-user", options.PasswordHashIterations));

    /// <summary>Creates a user; a duplicate throws <see cref="AlreadyExistsException"/>.</summary>
    public async Task<User> CreateAsync(NewUser user, CancellationToken cancellationToken)
    {
        var (_, realm) = UserIds.Validate(user.UserId);
        var groups = ValidateGroups(user.Groups);
        ValidateExpire(user.Expire);
        string? hash = null;
        if (user.Password is not null)
        {
            hash = HashPassword(realm, user.Password);
        }
        var document = new UserDocument
        {
            UserId = user.UserId,
            Enable = user.Enable,
            Expire = user.Expire,
            Firstname = Clean(user.Firstname),
            Lastname = Clean(user.Lastname),
            Email = Clean(user.Email),
            Comment = Clean(user.Comment),
            Groups = groups,
            PasswordHash = hash,
            TicketGeneration = UserDocument.NewTicketGeneration(),
        };
        // root@pam exists implicitly, even before anything is stored for it.
        var result = user.UserId == AccessIdentity.RootUserId
            ? null
            : await store.CompareAndPutAsync(ClusterKeys.User(user.UserId), 0, Serialize(document), cancellationToken);
        if (result is not { Succeeded: true })
        {
            throw new AlreadyExistsException($"user '{user.UserId}' already exists");
        }
        Log.UserCreated(logger, user.UserId);
        return document.ToUser();
    }

    /// <summary>The user, or null when it does not exist.</summary>
    public async Task<User?> FindAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadAsync(userId, cancellationToken))?.Document.ToUser();

    /// <summary>The user; throws <see cref="NotFoundException"/> when it does not exist.</summary>
    public async Task<User> GetAsync(string userId, CancellationToken cancellationToken) =>
        await FindAsync(userId, cancellationToken) ?? throw NoSuchUser(userId);

    /// <summary>Every user, root@pam included, ordered by id.</summary>
    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.UsersPrefix, cancellationToken);
        var users = entries
            .Select(e => DocumentStore.Deserialize(e, AccessJsonContext.Default.UserDocument).ToUser())
            .ToList();
        if (!users.Any(u => u.UserId == AccessIdentity.RootUserId))
        {
            users.Add(RootDocument.ToUser());
        }
        return [.. users.OrderBy(u => u.UserId, StringComparer.Ordinal)];
    }

    /// <summary>Applies <paramref name="update"/>; throws <see cref="NotFoundException"/> for an unknown user.</summary>
    public async Task<User> UpdateAsync(string userId, UserUpdate update, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId);
        var groups = update.Groups is null ? null : ValidateGroups(update.Groups);
        if (update.Expire is { } expire)
        {
            ValidateExpire(expire);
        }
        return await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var current = await ReadAsync(userId, ct) ?? throw NoSuchUser(userId);
            var doc = current.Document;
            var updated = doc with
            {
                Enable = update.Enable ?? doc.Enable,
                Expire = update.Expire ?? doc.Expire,
                Firstname = update.Firstname is null ? doc.Firstname : Clean(update.Firstname),
                Lastname = update.Lastname is null ? doc.Lastname : Clean(update.Lastname),
                Email = update.Email is null ? doc.Email : Clean(update.Email),
                Comment = update.Comment is null ? doc.Comment : Clean(update.Comment),
                Groups = groups is null ? doc.Groups
                    : update.AppendGroups ? [.. doc.Groups.Union(groups, StringComparer.Ordinal).Order(StringComparer.Ordinal)]
                    : groups,
            };
            // Disabling or expiring ends the user's tickets; so does re-enabling one that was off (its older tickets stay void).
            var now = timeProvider.GetUtcNow();
            if (!doc.IsActive(now) || !updated.IsActive(now))
            {
                updated = updated with { TicketGeneration = UserDocument.NewTicketGeneration() };
            }
            var result = await store.CompareAndPutAsync(ClusterKeys.User(userId), current.ModRevision, Serialize(updated), ct);
            return (result.Succeeded, updated.ToUser());
        }, cancellationToken);
    }

    /// <summary>Deletes a user with its API tokens and its ACL entries, in one transaction.</summary>
    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId);
        if (userId == AccessIdentity.RootUserId)
        {
            throw new ValidationException("userid", "the user 'root@pam' cannot be deleted");
        }
        await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var entry = await store.GetAsync(ClusterKeys.User(userId), ct) ?? throw NoSuchUser(userId);
            var tokenPrefix = ClusterKeys.TokensPrefix + userId + "!";
            var (aclCompares, aclOps) = await acl.PlanRemoveSubjectAsync(
                e => e.Type == AclSubjectType.User ? e.Subject == userId : e.Type == AclSubjectType.Token && e.Subject.StartsWith(userId + "!", StringComparison.Ordinal),
                ct);
            TxnCompare[] compares = [new TxnCompare(entry.Key, entry.ModRevision), .. aclCompares];
            TxnOp[] ops = [new TxnOp.Delete(entry.Key), new TxnOp.DeletePrefix(tokenPrefix), .. aclOps];
            var result = await store.TransactAsync(compares, ops, ct);
            return (result.Succeeded, true);
        }, cancellationToken);
        Log.UserDeleted(logger, userId);
    }

    /// <summary>Sets the password of a <c>pve</c> user (the <c>pam</c> realm's passwords belong to the host).</summary>
    public async Task SetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var (_, realm) = UserIds.Validate(userId);
        var hash = HashPassword(realm, password);
        await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var current = await ReadAsync(userId, ct) ?? throw NoSuchUser(userId);
            // A new password ends every ticket issued with the old one.
            var updated = current.Document with { PasswordHash = hash, TicketGeneration = UserDocument.NewTicketGeneration() };
            var result = await store.CompareAndPutAsync(ClusterKeys.User(userId), current.ModRevision, Serialize(updated), ct);
            return (result.Succeeded, true);
        }, cancellationToken);
        Log.PasswordChanged(logger, userId);
    }

    /// <summary>
    /// Checks a <c>pve</c> user's password and that the account is enabled and unexpired.
    /// Costs one hash computation whether or not the user exists, so timing reveals nothing.
    /// </summary>
    internal async Task<bool> VerifyPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(userId, cancellationToken);
        var hash = current?.Document.PasswordHash;
        var matches = PasswordHash.Verify(password, hash ?? _dummyHash.Value);
        return matches && hash is not null && current!.Document.IsActive(timeProvider.GetUtcNow());
    }

    /// <summary>True when the user exists (root@pam always does), is enabled and has not expired.</summary>
    internal async Task<bool> IsActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(userId, cancellationToken);
        return current is not null && current.Document.IsActive(timeProvider.GetUtcNow());
    }

    /// <summary>The stored document; root@pam is synthesised (revision 0) while nothing is stored for it.</summary>
    internal async Task<StoredDocument<UserDocument>?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        if (!UserIds.IsValid(userId))
        {
            return null;
        }
        var stored = await DocumentStore.ReadAsync(store, ClusterKeys.User(userId), AccessJsonContext.Default.UserDocument, cancellationToken);
        if (stored is null && userId == AccessIdentity.RootUserId)
        {
            return new StoredDocument<UserDocument>(RootDocument, 0);
        }
        return stored;
    }

    internal static byte[] Serialize(UserDocument document) => DocumentStore.Serialize(document, AccessJsonContext.Default.UserDocument);

    internal static NotFoundException NoSuchUser(string userId) => new($"no such user ('{userId}')");

    private static UserDocument RootDocument => new() { UserId = AccessIdentity.RootUserId, Comment = "Superuser" };

    private string HashPassword(string realm, string password)
    {
        if (realm != UserIds.PveRealm)
        {
            throw new ValidationException("password", $"cannot set a password for realm '{realm}' (host accounts keep their own)");
        }
        ValidatePassword(password);
        return PasswordHash.Create(password, options.PasswordHashIterations);
    }

    internal static void ValidatePassword(string password)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new ValidationException("password", $"value must have a length of at least {MinPasswordLength}");
        }
        if (password.Length > MaxPasswordLength)
        {
            throw new ValidationException("password", $"value may only be {MaxPasswordLength} characters long");
        }
    }

    private static void ValidateExpire(long expire)
    {
        if (expire < 0)
        {
            throw new ValidationException("expire", "value must have a minimum value of 0");
        }
    }

    private static IReadOnlyList<string> ValidateGroups(IReadOnlyList<string> groups)
    {
        foreach (var group in groups)
        {
            if (!AclStore.IsValidGroupName(group))
            {
                throw new ValidationException("groups", $"group name '{group}' contains invalid characters");
            }
        }
        return [.. groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static string? Clean(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
