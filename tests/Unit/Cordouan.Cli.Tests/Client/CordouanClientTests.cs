using Cordouan.Cli.Tests.Fakes;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Client.Tasks;
using Xunit;

namespace Cordouan.Cli.Tests.Client;

public sealed class CordouanClientTests : IAsyncLifetime
{
    private const string Upid = "UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:";
    private const string Ticket = "PVE:root@pam:65A1B2C3::c2ln/bmF0+dXJl";
    private const string Csrf = "65A1B2C3:aG1hYw==";
    private readonly FakePveServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task LoginAsync_ThenRequests_SendCookieAlwaysAndCsrfOnlyOnWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.MapData("POST", "/access/ticket", $$"""{"username":"root@pam","ticket":"{{Ticket}}","CSRFPreventionToken":"{{Csrf}}"}""");
        _server.MapData("GET", "/nodes/n1/qemu/100/config", """{"memory":"2048","cores":2,"digest":"d1"}""");
        _server.MapData("PUT", "/nodes/n1/qemu/100/config", "null");
        using var client = CreateClient(credentials: null);

        var credentials = await client.LoginAsync("root@pam", "p@ss word", ct);
        var config = await client.GetVmConfigAsync("n1", 100, ct);
        await client.UpdateVmConfigAsync("n1", 100, [new("onboot", "1"), new("name", "a b")], ["cpulimit", "args"], "d1", ct);

        Assert.Equal(Ticket, credentials.Ticket);
        Assert.Equal("2048", config["memory"].GetString());
        var requests = _server.Requests;
        var login = requests[0];
        Assert.Equal("application/x-www-form-urlencoded", login.ContentType);
        Assert.Equal("root@pam", login.FormValue("username"));
        Assert.Equal("p@ss word", login.FormValue("password"));
        Assert.Null(login.Cookie);
        Assert.Null(login.CsrfToken);
        Assert.All(requests, r => Assert.Equal(new Version(1, 1), r.ProtocolVersion));
        var get = requests[1];
        Assert.Equal("PVEAuthCookie=" + Uri.EscapeDataString(Ticket), get.Cookie);
        Assert.Null(get.CsrfToken);
        var put = requests[2];
        Assert.Equal(Csrf, put.CsrfToken);
        Assert.Equal("PVEAuthCookie=" + Uri.EscapeDataString(Ticket), put.Cookie);
        Assert.Equal(
            [new("onboot", "1"), new("name", "a b"), new("delete", "cpulimit,args"), new KeyValuePair<string, string>("digest", "d1")],
            put.Form);
    }

    [Fact]
    public async Task SendAsync_ApiToken_SendsAuthorizationHeaderAndNoCsrf()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.MapData("POST", "/nodes/n1/qemu/100/status/shutdown", $"\"{Upid}\"");
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=secret-uuid"));

        var upid = await client.ShutdownVmAsync("n1", 100, 30, forceStop: true, ct);

        Assert.Equal(Upid, upid);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("PVEAPIToken=root@pam!ci=secret-uuid", request.Authorization);
        Assert.Null(request.CsrfToken);
        Assert.Null(request.Cookie);
        Assert.Equal([new("timeout", "30"), new KeyValuePair<string, string>("forceStop", "1")], request.Form);
    }

    [Fact]
    public async Task SendAsync_GetWithParameters_PutsThemInQueryString()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.MapData("GET", "/cluster/resources", """[{"id":"qemu/100","type":"qemu","vmid":100,"node":"n2","name":"web","status":"running","template":0}]""");
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));

        var node = await client.GetVmNodeAsync(100, ct);

        Assert.Equal("n2", node);
        Assert.Equal("vm", Assert.Single(_server.Requests).QueryValue("type"));
        var missing = await Assert.ThrowsAsync<CordouanClientException>(() => client.GetVmNodeAsync(101, ct));
        Assert.Equal("VM 101 does not exist in the cluster.", missing.Message);
    }

    [Fact]
    public async Task SendAsync_ValidationError_ThrowsApiExceptionWithFieldErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Map("POST", "/nodes/n1/qemu", _ => FakeResponse.Error(400, "Parameter verification failed.", """{"memory":"value must have a minimum value of 16"}"""));
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));

        var exception = await Assert.ThrowsAsync<CordouanApiException>(() => client.CreateVmAsync("n1", 100, [new("memory", "8")], ct));

        Assert.Equal("400 Parameter verification failed: memory: value must have a minimum value of 16", exception.Message);
    }

    [Fact]
    public async Task LoginAsync_WrongPassword_ThrowsAuthenticationFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Map("POST", "/access/ticket", _ => FakeResponse.Error(401, "authentication failure"));
        using var client = CreateClient(credentials: null);

        var exception = await Assert.ThrowsAsync<CordouanApiException>(() => client.LoginAsync("root@pam", "wrong", ct));

        Assert.Equal(401, exception.StatusCode);
        Assert.Equal("401 authentication failure", exception.Message);
        Assert.Null(client.Credentials);
    }

    [Fact]
    public async Task GetNextVmIdAsync_StringData_ParsesId()
    {
        _server.MapData("GET", "/cluster/nextid", "\"104\"");
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));

        Assert.Equal(104, await client.GetNextVmIdAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WaitForTaskAsync_TaskEndsAfterSomePolls_ReportsEveryLogLineOnceInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var polls = 0;
        _server.Map("GET", $"/nodes/n1/tasks/{Upid}/status", _ =>
        {
            var poll = Interlocked.Increment(ref polls);
            return FakeResponse.Data(poll < 3
                ? $$"""{"upid":"{{Upid}}","status":"running"}"""
                : $$"""{"upid":"{{Upid}}","status":"stopped","exitstatus":"OK"}""");
        });
        _server.Map("GET", $"/nodes/n1/tasks/{Upid}/log", request =>
        {
            // The log grows by one line per status poll; the final poll adds "TASK OK".
            var available = Math.Min(Volatile.Read(ref polls), 3);
            var start = int.Parse(request.QueryValue("start") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var lines = Enumerable.Range(start + 1, Math.Max(0, available - start))
                .Select(n => $$"""{"n":{{n}},"t":"{{(n == 3 ? "TASK OK" : $"line {n}")}}"}""");
            return FakeResponse.Data("[" + string.Join(',', lines) + "]");
        });
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));
        var seen = new List<string>();

        var status = await client.WaitForTaskAsync(Upid, new Cli.Infrastructure.InlineProgress<TaskProgress>(p => seen.AddRange(p.NewLines.Select(l => l.Text))), TimeSpan.FromSeconds(30), ct);

        Assert.True(status.IsSuccessful);
        Assert.Equal(["line 1", "line 2", "TASK OK"], seen);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task WaitForTaskAsync_TaskNeverEnds_ThrowsTimeoutNamingTheTask()
    {
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/status", $$"""{"upid":"{{Upid}}","status":"running"}""");
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/log", "[]");
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));

        var exception = await Assert.ThrowsAsync<TimeoutException>(() =>
            client.WaitForTaskAsync("n1", Upid, null, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));

        Assert.Contains(Upid, exception.Message, StringComparison.Ordinal);
        Assert.Contains("running", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsConnectionException()
    {
        using var client = new CordouanClient(new CordouanClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{Cordouan.Testing.PortAllocator.Next()}/") });

        var exception = await Assert.ThrowsAsync<CordouanConnectionException>(() => client.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("Failed to reach http://127.0.0.1:", exception.Message, StringComparison.Ordinal);
    }

    private CordouanClient CreateClient(CordouanCredentials? credentials) =>
        new(new CordouanClientOptions
        {
            BaseAddress = _server.BaseAddress,
            Credentials = credentials,
            TaskPollInterval = TimeSpan.FromMilliseconds(20),
        });
}
