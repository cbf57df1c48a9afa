using Cordouan.Access.Bootstrap;
using Cordouan.Access.Permissions;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Testing;

namespace Cordouan.Access.Tests.Bootstrap;

public sealed class AdminBootstrapTests : IDisposable
{
    private readonly TempDirectory _dir = new("cordouan-bootstrap");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EnsureAdminAsync_FirstStart_GeneratesPasswordWritesFile0600AndGrantsAdministrator()
    {
        using var access = new TestAccess();
        var output = _dir.Combine("secrets", "admin-password");

        var result = await access.Bootstrap.EnsureAdminAsync(null, output, Ct);

        Assert.True(result.Created);
        Assert.Matches("^[A-Za-z0-9_-]{24}$", result.GeneratedPassword!);
        Assert.DoesNotContain(result.GeneratedPassword!, result.ToString());
        Assert.Equal(result.GeneratedPassword + "\n", await File.ReadAllTextAsync(output, Ct));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        var grant = await access.Tickets.LoginAsync("admin@pve", result.GeneratedPassword!, null, Ct);
        Assert.Equal(1, grant.Capabilities["nodes"]["Sys.PowerMgmt"]);
        Assert.Contains(new AclEntry("/", AclSubjectType.User, "admin@pve", "Administrator", true), await access.Acl.ListAsync(Ct));
    }

    [Fact]
    public async Task EnsureAdminAsync_SecondCall_DoesNothing()
    {
        using var access = new TestAccess();
        var output = _dir.Combine("admin-password");
        var first = await access.Bootstrap.EnsureAdminAsync(null, output, Ct);
        var revision = access.Store.Revision;

        var second = await access.Bootstrap.EnsureAdminAsync(null, output, Ct);

        Assert.Equal(new AdminBootstrapResult(false, null), second);
        Assert.Equal(revision, access.Store.Revision);
        Assert.Equal(first.GeneratedPassword + "\n", await File.ReadAllTextAsync(output, Ct));
    }

    [Fact]
    public async Task EnsureAdminAsync_PasswordFile_UsesItAndGeneratesNothing()
    {
        using var access = new TestAccess();
        var input = _dir.Combine("given");
        await File.WriteAllTextAsync(input, "operator-chosen-pw\n", Ct);
        var output = _dir.Combine("admin-password");

        var result = await access.Bootstrap.EnsureAdminAsync(input, output, Ct);

        Assert.Equal(new AdminBootstrapResult(true, null), result);
        Assert.False(File.Exists(output));
        Assert.Equal("admin@pve", (await access.Tickets.LoginAsync("admin@pve", "operator-chosen-pw", null, Ct)).Username);
    }

    [Fact]
    public async Task EnsureAdminAsync_EmptyPasswordFile_ThrowsValidation()
    {
        using var access = new TestAccess();
        var input = _dir.Combine("given");
        await File.WriteAllTextAsync(input, "\n", Ct);

        await Assert.ThrowsAsync<ValidationException>(() => access.Bootstrap.EnsureAdminAsync(input, null, Ct));
    }

    [Fact]
    public async Task EnsureAdminAsync_OtherNodeWinsRace_ReturnsNotCreatedAndRemovesFile()
    {
        using var access = new TestAccess();
        var output = _dir.Combine("admin-password");
        var otherOutput = _dir.Combine("other-admin-password");
        AdminBootstrapResult? other = null;
        access.Store.BeforeTransact = async (compares, _) =>
        {
            if (compares.Any(c => c.Key == ClusterKeys.User(AdminBootstrap.AdminUserId)))
            {
                access.Store.BeforeTransact = null;
                other = await access.Bootstrap.EnsureAdminAsync(null, otherOutput, Ct);
            }
        };

        var result = await access.Bootstrap.EnsureAdminAsync(null, output, Ct);

        Assert.False(result.Created);
        Assert.True(other!.Created);
        Assert.False(File.Exists(output));
        Assert.Equal(other.GeneratedPassword + "\n", await File.ReadAllTextAsync(otherOutput, Ct));
        Assert.Single(await access.Acl.ListAsync(Ct));
    }

    [Fact]
    public async Task EnsureAdminAsync_ExistingAclOnRoot_KeepsIt()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEAuditor", user: "alice@pve");

        await access.Bootstrap.EnsureAdminAsync(null, null, Ct);

        Assert.Equal(2, (await access.Acl.ListAsync(Ct)).Count);
    }
}
