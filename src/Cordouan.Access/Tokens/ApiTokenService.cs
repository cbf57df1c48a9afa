using System.Security.Cryptography;
using System.Text;
using Cordouan.Access.Permissions;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tokens;

/// <summary>
/// API tokens (<c>/access/users/{userid}/token/{tokenid}</c>) and their verification. The secret is a random UUID
/// returned once at creation; only its SHA-256 is stored.
/// </summary>
public sealed partial class ApiTokenService(IClusterStore store, UserStore users, AclStore acl, TimeProvider timeProvider, ILogger<ApiTokenService> logger)
{
    /// <summary>Creates a token for an existing user; a duplicate throws <see cref="AlreadyExistsException"/>.</summary>
    public async Task<CreatedToken> CreateAsync(string userId, string tokenId, NewToken options, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId);
        ApiTokenIds.ValidateTokenId(tokenId);
        ValidateExpire(options.Expire);
        var user = await users.ReadAsync(userId, cancellationToken) ?? throw UserStore.NoSuchUser(userId);
        var secret = Guid.NewGuid().ToString("D");
        var document = new TokenDocument
        {
            UserId = userId,
            TokenId = tokenId,
            SecretSha256 = HashSecret(secret),
            Comment = string.IsNullOrEmpty(options.Comment) ? null : options.Comment,
            Expire = options.Expire,
            PrivilegeSeparation = options.PrivilegeSeparation,
        };
        var key = ClusterKeys.Token(userId, tokenId);
        // The user must still be there (same revision) when the token appears.
        var result = await store.TransactAsync(
            [TxnCompare.Absent(key), new TxnCompare(ClusterKeys.User(userId), user.ModRevision)],
            [new TxnOp.Put(key, Serialize(document))],
            cancellationToken);
        if (!result.Succeeded)
        {
            if (await store.GetAsync(key, cancellationToken) is not null)
            {
                throw new AlreadyExistsException("Token already exists.");
            }
            throw new ConfigConflictException();
        }
        var fullId = ApiTokenIds.Join(userId, tokenId);
        Log.TokenCreated(logger, fullId);
        return new CreatedToken(fullId, document.ToInfo(), secret);
    }

    /// <summary>The user's tokens, ordered by id.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId);
        _ = await users.ReadAsync(userId, cancellationToken) ?? throw UserStore.NoSuchUser(userId);
        var entries = await store.ListAsync(ClusterKeys.TokensPrefix + userId + "!", cancellationToken);
        return [.. entries
            .Select(e => DocumentStore.Deserialize(e, AccessJsonContext.Default.TokenDocument).ToInfo())
            .OrderBy(t => t.TokenId, StringComparer.Ordinal)];
    }

    /// <summary>One token; throws <see cref="NotFoundException"/> when absent.</summary>
    public async Task<TokenInfo> GetAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(userId, tokenId, cancellationToken) ?? throw ApiTokenIds.NoSuchToken(userId, tokenId);
        return stored.Document.ToInfo();
    }

    /// <summary>Changes comment, expiry or privilege separation (never the secret).</summary>
    public async Task<TokenInfo> UpdateAsync(string userId, string tokenId, TokenUpdate update, CancellationToken cancellationToken)
    {
        if (update.Expire is { } expire)
        {
            ValidateExpire(expire);
        }
        return await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var current = await ReadAsync(userId, tokenId, ct) ?? throw ApiTokenIds.NoSuchToken(userId, tokenId);
            var doc = current.Document;
            var updated = doc with
            {
                Comment = update.Comment is null ? doc.Comment : update.Comment.Length == 0 ? null : update.Comment,
                Expire = update.Expire ?? doc.Expire,
                PrivilegeSeparation = update.PrivilegeSeparation ?? doc.PrivilegeSeparation,
            };
            var result = await store.CompareAndPutAsync(ClusterKeys.Token(userId, tokenId), current.ModRevision, Serialize(updated), ct);
            return (result.Succeeded, updated.ToInfo());
        }, cancellationToken);
    }

    /// <summary>Deletes a token together with its ACL entries.</summary>
    public async Task DeleteAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        var fullId = ApiTokenIds.Join(userId, tokenId);
        await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var current = await ReadAsync(userId, tokenId, ct) ?? throw ApiTokenIds.NoSuchToken(userId, tokenId);
            var (compares, ops) = await acl.PlanRemoveSubjectAsync(e => e.Type == AclSubjectType.Token && e.Subject == fullId, ct);
            var key = ClusterKeys.Token(userId, tokenId);
            var result = await store.TransactAsync(
                [new TxnCompare(key, current.ModRevision), .. compares],
                [new TxnOp.Delete(key), .. ops],
                ct);
            return (result.Succeeded, true);
        }, cancellationToken);
        Log.TokenDeleted(logger, fullId);
    }

    /// <summary>
    /// Verifies an <c>Authorization</c> header value <c>PVEAPIToken=user@realm!tokenid=secret</c> (a space may replace
    /// the first <c>=</c>; the secret follows the last <c>=</c>). The token must exist and be unexpired, and its user
    /// enabled and unexpired. Throws <see cref="AuthenticationFailedException"/> otherwise.
    /// </summary>
    public async Task<AccessIdentity> AuthenticateAsync(string authorization, CancellationToken cancellationToken)
    {
        if (!TryParseAuthorization(authorization, out var userId, out var tokenId, out var secret))
        {
            throw new AuthenticationFailedException();
        }
        var stored = await ReadAsync(userId, tokenId, cancellationToken);
        var presented = Encoding.ASCII.GetBytes(HashSecret(secret));
        var expected = Encoding.ASCII.GetBytes(stored?.Document.SecretSha256 ?? new string('0', presented.Length));
        var secretMatches = CryptographicOperations.FixedTimeEquals(presented, expected);
        var now = timeProvider.GetUtcNow();
        if (stored is null || !secretMatches || stored.Document.IsExpired(now) || !await users.IsActiveAsync(userId, cancellationToken))
        {
            var fullId = ApiTokenIds.Join(userId, tokenId);
            Log.TokenRefused(logger, fullId);
            throw new AuthenticationFailedException();
        }
        return new AccessIdentity(userId, tokenId, stored.Document.PrivilegeSeparation);
    }

    /// <summary>Splits an <c>Authorization</c> header value into user, token id and secret.</summary>
    public static bool TryParseAuthorization(string? authorization, out string userId, out string tokenId, out string secret)
    {
        userId = tokenId = secret = "";
        const string Scheme = "PVEAPIToken";
        var value = authorization?.Trim();
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal) || value.Length <= Scheme.Length
            || value[Scheme.Length] is not ('=' or ' '))
        {
            return false;
        }
        var rest = value[(Scheme.Length + 1)..].TrimStart();
        var lastEquals = rest.LastIndexOf('=');
        if (lastEquals <= 0 || lastEquals == rest.Length - 1
            || !ApiTokenIds.TrySplit(rest[..lastEquals], out var user, out var token))
        {
            return false;
        }
        userId = user;
        tokenId = token;
        secret = rest[(lastEquals + 1)..];
        return true;
    }

    private async Task<StoredDocument<TokenDocument>?> ReadAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        if (!UserIds.IsValid(userId) || !ApiTokenIds.IsValidTokenId(tokenId))
        {
            return null;
        }
        return await DocumentStore.ReadAsync(store, ClusterKeys.Token(userId, tokenId), AccessJsonContext.Default.TokenDocument, cancellationToken);
    }

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static byte[] Serialize(TokenDocument document) => DocumentStore.Serialize(document, AccessJsonContext.Default.TokenDocument);

    private static void ValidateExpire(long expire)
    {
        if (expire < 0)
        {
            throw new ValidationException("expire", "value must have a minimum value of 0");
        }
    }
}
