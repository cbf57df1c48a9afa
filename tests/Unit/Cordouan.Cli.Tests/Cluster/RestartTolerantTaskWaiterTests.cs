using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Tasks;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

public sealed class RestartTolerantTaskWaiterTests : IAsyncLifetime
{
    private const string Upid = "UPID:n2:0000AAAA:00BBBBBB:65A1B2C3:clusterjoin::admin@pve:";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private readonly FakePveServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task WaitAsync_NodeRestartsThenRejectsOldToken_ReauthenticatesAndReturnsFinalStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var polls = 0;
        _server.Map("GET", $"/nodes/n2/tasks/{Upid}/status", request =>
        {
            var poll = Interlocked.Increment(ref polls);
            return poll switch
            {
                1 => FakeResponse.Data($$"""{"upid":"{{Upid}}","status":"running"}"""),
                2 or 3 => FakeResponse.Error(503, "service restarting"),
                _ when request.Authorization != "PVEAPIToken=admin@pve!new=s" => FakeResponse.Error(401, "authentication failure"),
                _ => FakeResponse.Data($$"""{"upid":"{{Upid}}","status":"stopped","exitstatus":"OK"}"""),
            };
        });
        _server.Map("GET", $"/nodes/n2/tasks/{Upid}/log", request =>
            FakeResponse.Data(request.QueryValue("start") == "0" ? """[{"n":1,"t":"joining"},{"n":2,"t":"TASK OK"}]""" : "[]"));
        using var client = CreateClient();
        var notices = new List<string>();
        var lines = new List<string>();
        var reauthentications = 0;

        var result = await new RestartTolerantTaskWaiter(client, TimeProvider.System, Poll).WaitAsync("n2", Upid, _ =>
            {
                reauthentications++;
                client.UseCredentials(new ApiTokenCredentials("admin@pve!new=s"));
                return Task.FromResult(true);
            },
            new InlineProgress<TaskProgress>(p => lines.AddRange(p.NewLines.Select(l => l.Text))), new InlineProgress<string>(notices.Add),
            TimeSpan.FromSeconds(30), ct);

        Assert.True(result.IsSuccessful);
        Assert.False(result.AccessLost);
        Assert.Equal(1, reauthentications);
        Assert.Equal(["joining", "TASK OK"], lines);
        Assert.Equal(2, result.Log.Count);
        Assert.Contains(notices, n => n.StartsWith("Waiting for n2", StringComparison.Ordinal) && n.Contains("503", StringComparison.Ordinal));
        Assert.Equal(1, notices.Count(n => n.StartsWith("Waiting for n2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WaitAsync_ReauthenticationRefused_ReturnsAccessLostWithTheLogSoFar()
    {
        var ct = TestContext.Current.CancellationToken;
        var polls = 0;
        _server.Map("GET", $"/nodes/n2/tasks/{Upid}/status", _ => Interlocked.Increment(ref polls) == 1
            ? FakeResponse.Data($$"""{"upid":"{{Upid}}","status":"running"}""")
            : FakeResponse.Error(401, "authentication failure"));
        _server.MapData("GET", $"/nodes/n2/tasks/{Upid}/log", """[{"n":1,"t":"admin password in /etc/cordouan/admin-password"}]""");
        using var client = CreateClient();

        var result = await new RestartTolerantTaskWaiter(client, TimeProvider.System, Poll)
            .WaitAsync("n2", Upid, _ => Task.FromResult(false), null, null, TimeSpan.FromSeconds(30), ct);

        Assert.True(result.AccessLost);
        Assert.False(result.IsFinished);
        Assert.Equal("running", result.Status!.Status);
        Assert.Single(result.Log);
    }

    [Fact]
    public async Task WaitAsync_LoginRefusedWhileNodeSettles_KeepsTryingUntilItWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var logins = 0;
        _server.Map("GET", $"/nodes/n2/tasks/{Upid}/status", request => request.Authorization == "PVEAPIToken=admin@pve!new=s"
            ? FakeResponse.Data($$"""{"upid":"{{Upid}}","status":"stopped","exitstatus":"OK"}""")
            : FakeResponse.Error(401, "authentication failure"));
        _server.MapData("GET", $"/nodes/n2/tasks/{Upid}/log", "[]");
        using var client = CreateClient();

        var result = await new RestartTolerantTaskWaiter(client, TimeProvider.System, Poll).WaitAsync("n2", Upid, _ =>
            {
                if (++logins < 3)
                {
                    throw new CordouanApiException(401, "authentication failure");
                }
                client.UseCredentials(new ApiTokenCredentials("admin@pve!new=s"));
                return Task.FromResult(true);
            }, null, null, TimeSpan.FromSeconds(30), ct);

        Assert.True(result.IsSuccessful);
        Assert.Equal(3, logins);
    }

    [Fact]
    public async Task WaitAsync_NodeNeverComesBack_TimesOutNamingTaskAndLastError()
    {
        using var client = new CordouanClient(new CordouanClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Cordouan.Testing.PortAllocator.Next()}/"),
            Credentials = new ApiTokenCredentials("root@pam!ci=s"),
        });

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => new RestartTolerantTaskWaiter(client, TimeProvider.System, Poll)
            .WaitAsync("n2", Upid, _ => Task.FromResult(true), null, null, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));

        Assert.Contains(Upid, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to reach", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_ClientError_IsNotRetried()
    {
        _server.Map("GET", $"/nodes/n2/tasks/{Upid}/status", _ => FakeResponse.Error(403, "Permission check failed (/nodes/n2, Sys.Audit)"));
        using var client = CreateClient();

        var exception = await Assert.ThrowsAsync<CordouanApiException>(() => new RestartTolerantTaskWaiter(client, TimeProvider.System, Poll)
            .WaitAsync("n2", Upid, _ => Task.FromResult(true), null, null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal(403, exception.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(595, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    public void IsTransient_ApiStatus_OnlyServerErrors(int status, bool expected)
    {
        Assert.Equal(expected, RestartTolerantTaskWaiter.IsTransient(new CordouanApiException(status, "x")));
    }

    [Fact]
    public void IsTransient_RefusedCertificate_IsNot()
    {
        Assert.True(RestartTolerantTaskWaiter.IsTransient(new CordouanConnectionException("refused", null)));
        Assert.False(RestartTolerantTaskWaiter.IsTransient(new CordouanConnectionException("bad cert", null) { PresentedFingerprint = "AB:CD" }));
        Assert.False(RestartTolerantTaskWaiter.IsTransient(new InvalidOperationException()));
    }

    private CordouanClient CreateClient() =>
        new(new CordouanClientOptions { BaseAddress = _server.BaseAddress, Credentials = new ApiTokenCredentials("root@pam!old=s") });
}
