using System.Security.Cryptography;
using Cordouan.Access.Audit;
using Cordouan.Access.Bootstrap;
using Cordouan.Access.Permissions;
using Cordouan.Access.Realms;
using Cordouan.Access.Tests.Fakes;
using Cordouan.Access.Tickets;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cordouan.Access.Tests;

/// <summary>The access services wired over an in-memory store and a fake clock, with cheap password hashing.</summary>
internal sealed class TestAccess : IDisposable
{
    public const int TestIterations = 1_000;

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    // One RSA key for the whole run: generating a 2048-bit key costs ~300 ms, and most tests only need some key.
    // Created at Start: it rotates once the fake clock passes Start + 24 h.
    private static readonly Lazy<byte[]> SharedTicketKey = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return DocumentStore.Serialize(
            new TicketKeyDocument
            {
                RsaPrivateKeyPkcs8 = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
                CsrfSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                Created = Start.ToUnixTimeSeconds(),
            },
            AccessJsonContext.Default.TicketKeyDocument);
    });

    /// <param name="shadowPath">The shadow file for the pam realm.</param>
    /// <param name="seedTicketKey">Pre-store the run's shared ticket key; false leaves the store empty so the key is created on first use.</param>
    /// <param name="syslogSocket">Where login failures are sent (by default nowhere).</param>
    public TestAccess(string? shadowPath = null, bool seedTicketKey = true, string? syslogSocket = null)
    {
        Time = new FakeTimeProvider(Start);
        Store = new InMemoryClusterStore(Time);
        Options = new AccessOptions { PasswordHashIterations = TestIterations, ShadowPath = shadowPath ?? "/nonexistent/shadow", SyslogSocket = syslogSocket ?? "/nonexistent/syslog" };
        Roles = new RoleCatalog();
        Acl = new AclStore(Store, Roles, NullLogger<AclStore>.Instance);
        Permissions = new PermissionChecker(Store, Acl, Roles, Time);
        Users = new UserStore(Store, Acl, Options, Time, NullLogger<UserStore>.Instance);
        Tokens = new ApiTokenService(Store, Users, Acl, Time, NullLogger<ApiTokenService>.Instance);
        Pam = new PamAuthenticator(Options, Time);
        Keys = new TicketKeyStore(Store, Time, NullLogger<TicketKeyStore>.Instance);
        Throttle = new LoginThrottle(Options, Time);
        Tickets = NewTicketService(Keys, Time, Throttle);
        Bootstrap = new AdminBootstrap(Store, Acl, Options, NullLogger<AdminBootstrap>.Instance);
        if (seedTicketKey)
        {
            Store.Seed(ClusterKeys.TicketKey, SharedTicketKey.Value);
        }
    }

    public FakeTimeProvider Time { get; }

    public InMemoryClusterStore Store { get; }

    public AccessOptions Options { get; }

    public RoleCatalog Roles { get; }

    public AclStore Acl { get; }

    public PermissionChecker Permissions { get; }

    public UserStore Users { get; }

    public ApiTokenService Tokens { get; }

    public PamAuthenticator Pam { get; }

    public TicketKeyStore Keys { get; }

    public LoginThrottle Throttle { get; }

    public TicketService Tickets { get; }

    public AdminBootstrap Bootstrap { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<User> CreateUserAsync(string userId, string? password = "secret-password", IReadOnlyList<string>? groups = null) =>
        Users.CreateAsync(new NewUser { UserId = userId, Password = password, Groups = groups ?? [] }, Ct);

    public Task GrantAsync(string path, string role, string? user = null, string? group = null, string? token = null, bool propagate = true) =>
        Acl.UpdateAsync(new AclUpdate
        {
            Path = path,
            Roles = [role],
            Users = user is null ? [] : [user],
            Groups = group is null ? [] : [group],
            Tokens = token is null ? [] : [token],
            Propagate = propagate,
        }, Ct);

    /// <summary>Another node's ticket service over the same users: its own keys, clock and login throttle.</summary>
    public TicketService NewTicketService(TicketKeyStore keys, TimeProvider time, LoginThrottle? throttle = null) => new(
        keys, Users, Pam, Permissions, throttle ?? new LoginThrottle(Options, time),
        new AuthenticationAudit(new SyslogSender(Options), time, NullLogger<AuthenticationAudit>.Instance), time, NullLogger<TicketService>.Instance);

    public void Dispose() => Keys.Dispose();
}
