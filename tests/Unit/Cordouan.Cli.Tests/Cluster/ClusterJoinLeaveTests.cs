using System.Text.Json;
using Cordouan.Cli.Configuration;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

/// <summary><c>cord cluster join</c> and <c>leave</c>: the node restarts during the task and the old login stops working.</summary>
public sealed class ClusterJoinLeaveTests : IAsyncLifetime
{
    private const string JoinUpid = "UPID:n2:0000AAAA:00BBBBBB:65A1B2C3:clusterjoin::admin@pve:";
    private const string LeaveUpid = "UPID:n2:0000AAAA:00BBBBBB:65A1B2C3:clusterleave::admin@pve:";
    private const string OldTicket = "PVE:admin@pve:65A1B2C3::old";
    private const string NewTicket = "PVE:admin@pve:65A1B2C4::new";
    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));
    private readonly FakePveServer _server = new();
    private readonly CliRunner _runner = new();
    private int _statusPolls;

    public ValueTask InitializeAsync()
    {
        _runner.WithVariable("CORD_SERVER", _server.BaseAddress.ToString());
        new CordConfigStore(_runner.ConfigPath).Save(new CordConfig
        {
            Server = _server.BaseAddress.ToString(),
            Username = "admin@pve",
            Ticket = OldTicket,
            CsrfPreventionToken = "old:csrf",
            TicketIssuedAt = TimeProvider.System.GetUtcNow(),
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _runner.Dispose();
    }

    [Fact]
    public async Task Join_NodeRestartsWithClusterUsers_LogsInAgainAndSavesTheNewTicket()
    {
        var passwordFile = await WritePasswordFileAsync("cluster-pass");
        _server.MapData("POST", "/cluster/config/join", $"\"{JoinUpid}\"");
        _server.MapData("POST", "/access/ticket", $$"""{"username":"admin@pve","ticket":"{{NewTicket}}","CSRFPreventionToken":"new:csrf"}""");
        MapRestartingTask(JoinUpid, Cookie(NewTicket), "OK", """[{"n":1,"t":"joining cluster prod"},{"n":2,"t":"TASK OK"}]""");

        var result = await _runner.RunAsync("cluster", "join", "10.0.0.1", "--fingerprint", Fingerprint, "--password-file", passwordFile);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("joining cluster prod", result.Output, StringComparison.Ordinal);
        Assert.Contains("Node n2 joined the cluster of 10.0.0.1:8006.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Logged in again as admin@pve", result.Output, StringComparison.Ordinal);
        var join = _server.Requests.First(r => r.Path == "/cluster/config/join");
        Assert.Equal([new("hostname", "10.0.0.1:8006"), new("fingerprint", Fingerprint), new("password", "cluster-pass"), new KeyValuePair<string, string>("username", "admin@pve")], join.Form);
        Assert.Equal(Cookie(OldTicket), join.Cookie);
        Assert.Equal("cluster-pass", _server.Requests.Single(r => r.Path == "/access/ticket").FormValue("password"));
        var saved = new CordConfigStore(_runner.ConfigPath).Load()!;
        Assert.Equal(NewTicket, saved.Ticket);
        Assert.Equal("new:csrf", saved.CsrfPreventionToken);
        Assert.DoesNotContain(NewTicket, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_Token_SwitchesToTheTokenAfterTheRestartAndSaysTheOldLoginIsGone()
    {
        const string token = "admin@pve!join=tok-secret";
        _server.MapData("POST", "/cluster/config/join", $"\"{JoinUpid}\"");
        MapRestartingTask(JoinUpid, "PVEAPIToken=" + token, "OK", """[{"n":1,"t":"TASK OK"}]""");

        var result = await _runner.RunAsync("cluster", "join", "10.0.0.1:8006", "--fingerprint", Fingerprint, "--token", token, "--force");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var join = _server.Requests.First(r => r.Path == "/cluster/config/join");
        Assert.Equal([new("hostname", "10.0.0.1:8006"), new("fingerprint", Fingerprint), new("token", token), new KeyValuePair<string, string>("force", "1")], join.Form);
        Assert.Contains("The saved login no longer works on n2", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/access/ticket");
        Assert.Equal(OldTicket, new CordConfigStore(_runner.ConfigPath).Load()!.Ticket);
    }

    [Fact]
    public async Task Join_TaskFails_PrintsLogAndExitsOne()
    {
        var passwordFile = await WritePasswordFileAsync("cluster-pass");
        _server.MapData("POST", "/cluster/config/join", $"\"{JoinUpid}\"");
        _server.MapData("GET", $"/nodes/n2/tasks/{JoinUpid}/status", $$"""{"upid":"{{JoinUpid}}","status":"stopped","exitstatus":"fingerprint mismatch for 10.0.0.1"}""");
        _server.MapData("GET", $"/nodes/n2/tasks/{JoinUpid}/log", """[{"n":1,"t":"TASK ERROR: fingerprint mismatch for 10.0.0.1"}]""");

        var text = await _runner.RunAsync("cluster", "join", "10.0.0.1", "--fingerprint", Fingerprint, "--password-file", passwordFile);
        var json = await _runner.RunAsync("cluster", "join", "10.0.0.1", "--fingerprint", Fingerprint, "--password-file", passwordFile, "-o", "json");

        Assert.Equal(ExitCodes.Failure, text.ExitCode);
        Assert.Contains("TASK ERROR: fingerprint mismatch", text.Output, StringComparison.Ordinal);
        Assert.Contains("failed: fingerprint mismatch for 10.0.0.1", text.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, json.ExitCode);
        Assert.Equal("stopped", JsonDocument.Parse(json.Output).RootElement.GetProperty("status").GetString());
        Assert.Contains("TASK ERROR: fingerprint mismatch", json.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_NoWait_PrintsUpidOnlyOnStandardOutput()
    {
        _server.MapData("POST", "/cluster/config/join", $"\"{JoinUpid}\"");

        var result = await _runner.RunAsync("cluster", "join", "10.0.0.1", "--fingerprint", Fingerprint, "--token", "a@pve!t=s", "--no-wait");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(JoinUpid, result.Output.Trim());
        Assert.Contains("cord login", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_OldLoginRejectedAfterRestart_PointsToTheNewPasswordFile()
    {
        _server.MapData("POST", "/cluster/config/leave", $"\"{LeaveUpid}\"");
        MapRestartingTask(LeaveUpid, acceptedAfterRestart: null, "OK", """[{"n":1,"t":"leaving cluster prod"},{"n":2,"t":"new admin password written to /etc/cordouan/admin-password"}]""");

        var result = await _runner.RunAsync("cluster", "leave");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Node n2 left the cluster", result.Output, StringComparison.Ordinal);
        Assert.Contains("/etc/cordouan/admin-password on n2", result.Output, StringComparison.Ordinal);
        Assert.Contains($"cord login --server {_server.BaseAddress}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/access/ticket");
    }

    [Fact]
    public async Task Leave_Json_ReportsUpidAndPasswordFile()
    {
        _server.MapData("POST", "/cluster/config/leave", $"\"{LeaveUpid}\"");
        MapRestartingTask(LeaveUpid, acceptedAfterRestart: null, "OK", """[{"n":1,"t":"admin password file: /etc/cordouan/admin-password"}]""");

        var result = await _runner.RunAsync("cluster", "leave", "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var printed = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(LeaveUpid, printed.GetProperty("upid").GetString());
        Assert.Equal("/etc/cordouan/admin-password", printed.GetProperty("passwordfile").GetString());
    }

    [Fact]
    public async Task Leave_AccessLostBeforeAnyPasswordHint_SucceedsAndSaysHowToCheck()
    {
        // The server answers the leave once the member is out: a login lost to the restart afterwards is the expected end.
        _server.MapData("POST", "/cluster/config/leave", $"\"{LeaveUpid}\"");
        MapRestartingTask(LeaveUpid, acceptedAfterRestart: null, "OK", """[{"n":1,"t":"leaving cluster prod"}]""");

        var result = await _runner.RunAsync("cluster", "leave");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains($"cord task status {LeaveUpid}", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The task answers "running" once with the old ticket, then 503 (restarting), then 401 to anything but
    /// <paramref name="acceptedAfterRestart"/> (a Cookie or Authorization value), which sees the task stopped.
    /// </summary>
    private void MapRestartingTask(string upid, string? acceptedAfterRestart, string exitStatus, string logJson)
    {
        var node = upid.Split(':')[1];
        _server.Map("GET", $"/nodes/{node}/tasks/{upid}/status", request =>
        {
            var poll = Interlocked.Increment(ref _statusPolls);
            if (poll == 1 && request.Cookie == Cookie(OldTicket))
            {
                return FakeResponse.Data($$"""{"upid":"{{upid}}","status":"running"}""");
            }
            if (poll == 2)
            {
                return FakeResponse.Error(503, "restarting");
            }
            return acceptedAfterRestart is not null && (request.Cookie == acceptedAfterRestart || request.Authorization == acceptedAfterRestart)
                ? FakeResponse.Data($$"""{"upid":"{{upid}}","status":"stopped","exitstatus":"{{exitStatus}}"}""")
                : FakeResponse.Error(401, "authentication failure");
        });
        _server.Map("GET", $"/nodes/{node}/tasks/{upid}/log", request =>
            request.QueryValue("start") == "0" ? FakeResponse.Data(logJson) : FakeResponse.Data("[]"));
    }

    private async Task<string> WritePasswordFileAsync(string password)
    {
        var path = Path.Combine(_runner.Home, "password");
        await File.WriteAllTextAsync(path, password + "\n", TestContext.Current.CancellationToken);
        return path;
    }

    private static string Cookie(string ticket) => "PVEAuthCookie=" + Uri.EscapeDataString(ticket);
}
