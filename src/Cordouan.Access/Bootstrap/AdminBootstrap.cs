using System.Security.Cryptography;
using Cordouan.Access.Permissions;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Platform.Files;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Bootstrap;

/// <summary>
/// First start: makes sure <c>admin@pve</c> exists with Administrator on <c>/</c>. The user and its ACL entry are
/// written in one transaction that requires the user to be absent, so concurrent nodes create it exactly once.
/// </summary>
public sealed partial class AdminBootstrap(IClusterStore store, AclStore acl, AccessOptions options, ILogger<AdminBootstrap> logger)
{
    public const string AdminUserId = "admin@pve";

    private const int GeneratedLength = 24;
    private const string UrlSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// Creates the admin user unless it exists. The password comes from <paramref name="passwordFile"/> when given
    /// (first line), else it is generated and, when <paramref name="outputFile"/> is given, written there with mode 0600
    /// before the user is committed (and removed again if another node won the race).
    /// </summary>
    public async Task<AdminBootstrapResult> EnsureAdminAsync(string? passwordFile, string? outputFile, CancellationToken cancellationToken)
    {
        var userKey = ClusterKeys.User(AdminUserId);
        if (await store.GetAsync(userKey, cancellationToken) is not null)
        {
            return new AdminBootstrapResult(false, null);
        }
        string password;
        string? generated = null;
        if (passwordFile is not null)
        {
            password = await ReadPasswordAsync(passwordFile, cancellationToken);
        }
        else
        {
            password = generated = RandomNumberGenerator.GetString(UrlSafeAlphabet, GeneratedLength);
        }
        UserStore.ValidatePassword(password);
        var document = new UserDocument
        {
            UserId = AdminUserId,
            Comment = "Cordouan administrator",
            PasswordHash = PasswordHash.Create(password, options.PasswordHashIterations),
        };
        var wroteFile = false;
        if (generated is not null && outputFile is not null)
        {
            await AtomicFile.WriteAllTextAsync(outputFile, generated + "\n", cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            wroteFile = true;
        }
        var created = await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            if (await store.GetAsync(userKey, ct) is not null)
            {
                return (true, false);
            }
            var (aclCompare, aclOp) = await acl.PlanGrantAsync(new AclEntry("/", AclSubjectType.User, AdminUserId, BuiltInRoles.Administrator, Propagate: true), ct);
            var result = await store.TransactAsync(
                [TxnCompare.Absent(userKey), aclCompare],
                [new TxnOp.Put(userKey, UserStore.Serialize(document)), aclOp],
                ct);
            return (result.Succeeded, result.Succeeded);
        }, cancellationToken);
        if (!created)
        {
            if (wroteFile)
            {
                File.Delete(outputFile!);
            }
            return new AdminBootstrapResult(false, null);
        }
        Log.AdminCreated(logger, AdminUserId, generated is null ? "the password file" : outputFile ?? "the caller");
        return new AdminBootstrapResult(true, generated);
    }

    private static async Task<string> ReadPasswordAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
        if (firstLine.Length == 0)
        {
            throw new ValidationException("password", $"the admin password file '{path}' is empty");
        }
        return firstLine;
    }

    /// <summary>Event ids 7050-7059 (Cordouan.Access owns 7000-7099). Never logs the password.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Created {User} with Administrator on / (password from {Source})")]
        public static partial void AdminCreated(ILogger logger, string user, string source);
    }
}
