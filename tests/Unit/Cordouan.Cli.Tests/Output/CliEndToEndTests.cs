using System.Text.Json;
using Cordouan.Cli.Configuration;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cordouan.Cli.Tests.Output;

/// <summary>Whole <c>cord</c> invocations against the fake daemon.</summary>
public sealed class CliEndToEndTests : IAsyncLifetime
{
    private const string Upid = "UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:";
    private const string NodesJson = """[{"node":"n1","status":"online","cpu":0.5,"maxcpu":2,"mem":1073741824,"maxmem":4294967296,"uptime":3600,"ssl_fingerprint":"AB:CD","future-field":{"x":1}}]""";
    private const string VmResources = """[{"id":"qemu/100","type":"qemu","vmid":100,"node":"n1","name":"web","status":"stopped","template":0,"maxmem":2147483648,"maxcpu":2}]""";
    private readonly FakePveServer _server = new();
    private readonly CliRunner _runner = new();

    public ValueTask InitializeAsync()
    {
        _runner.WithVariable("CORD_SERVER", _server.BaseAddress.ToString()).WithVariable("CORD_TOKEN", "root@pam!ci=secret-uuid");
        _server.MapData("GET", "/nodes", NodesJson);
        _server.MapData("GET", "/cluster/resources", VmResources);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _runner.Dispose();
    }

    [Fact]
    public async Task NodeList_JsonOutput_PrintsTheRawDataIncludingUnknownFields()
    {
        var result = await _runner.RunAsync("node", "list", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var printed = JsonDocument.Parse(result.Output);
        using var expected = JsonDocument.Parse(NodesJson);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, printed.RootElement), result.ToString());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task NodeList_TextOutput_PrintsATable()
    {
        var result = await _runner.RunAsync("node", "list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("NODE", result.Output, StringComparison.Ordinal);
        Assert.Contains("n1", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 GiB / 4 GiB", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmStart_NoWaitJson_PrintsUpidAsJsonString()
    {
        _server.MapData("POST", "/nodes/n1/qemu/100/status/start", $"\"{Upid}\"");

        var result = await _runner.RunAsync("vm", "start", "100", "--no-wait", "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(Upid, JsonDocument.Parse(result.Output).RootElement.GetString());
        var post = _server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("PVEAPIToken=root@pam!ci=secret-uuid", post.Authorization);
    }

    [Fact]
    public async Task VmStart_TaskFails_ExitsOneWithTheTaskError()
    {
        _server.MapData("POST", "/nodes/n1/qemu/100/status/start", $"\"{Upid}\"");
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/status", $$"""{"upid":"{{Upid}}","status":"stopped","exitstatus":"VM 100 already running"}""");
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/log", """[{"n":1,"t":"starting"},{"n":2,"t":"TASK ERROR: VM 100 already running"}]""");

        var result = await _runner.RunAsync("vm", "start", "100");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("TASK ERROR: VM 100 already running", result.Output, StringComparison.Ordinal);
        Assert.Contains("failed: VM 100 already running", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmCreate_ValidationError_ExitsOneWithFormattedMessage()
    {
        _server.MapData("GET", "/cluster/status", """[{"type":"node","id":"node/n1","name":"n1","local":1,"online":1,"nodeid":1}]""");
        _server.Map("POST", "/nodes/n1/qemu", _ => FakeResponse.Error(400, "Parameter verification failed.", """{"memory":"value must have a minimum value of 16"}"""));

        var result = await _runner.RunAsync("vm", "create", "101", "--memory", "8", "--disk", "scsi0=local:4");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("cord: 400 Parameter verification failed: memory: value must have a minimum value of 16", result.Error.Trim());
        var post = _server.Requests.Single(r => r.Method == "POST");
        Assert.Equal([new("vmid", "101"), new("memory", "8"), new KeyValuePair<string, string>("scsi0", "local:4")], post.Form);
    }

    [Fact]
    public async Task VmStart_UnknownVm_ExitsOneNamingIt()
    {
        var result = await _runner.RunAsync("vm", "start", "555");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("VM 555 does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PasswordFile_SavesSessionThatLaterCommandsUse()
    {
        const string ticket = "PVE:admin@pve:65A1B2C3::c2lnbmF0dXJl";
        _runner.WithVariable("CORD_TOKEN", string.Empty);
        _server.MapData("POST", "/access/ticket", $$"""{"username":"admin@pve","ticket":"{{ticket}}","CSRFPreventionToken":"65A1B2C3:aG1hYw=="}""");
        var passwordFile = Path.Combine(_runner.Home, "password");
        await File.WriteAllTextAsync(passwordFile, "s3cret\n", TestContext.Current.CancellationToken);

        var login = await _runner.RunAsync("login", "--user", "admin@pve", "--password-file", passwordFile);
        var list = await _runner.RunAsync("vm", "list");

        Assert.Equal(ExitCodes.Success, login.ExitCode);
        Assert.DoesNotContain(ticket, login.Output + login.Error, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_runner.ConfigPath));
        var saved = new CordConfigStore(_runner.ConfigPath).Load()!;
        Assert.Equal(ticket, saved.Ticket);
        Assert.Equal(_server.BaseAddress.ToString(), saved.Server);
        Assert.Equal("s3cret", _server.Requests[0].FormValue("password"));
        Assert.Equal(ExitCodes.Success, list.ExitCode);
        Assert.Contains("web", list.Output, StringComparison.Ordinal);
        Assert.Equal("PVEAuthCookie=" + Uri.EscapeDataString(ticket), _server.Requests[^1].Cookie);
    }

    [Fact]
    public async Task AnyCommand_SavedTicketOlderThanAnHour_RenewsWithTicketAsPassword()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        _runner.Time = time;
        _runner.WithVariable("CORD_TOKEN", string.Empty);
        new CordConfigStore(_runner.ConfigPath).Save(new CordConfig
        {
            Server = _server.BaseAddress.ToString(),
            Username = "admin@pve",
            Ticket = "PVE:admin@pve:OLD::sig",
            CsrfPreventionToken = "OLD:csrf",
            TicketIssuedAt = time.GetUtcNow().AddMinutes(-61),
        });
        _server.MapData("POST", "/access/ticket", """{"username":"admin@pve","ticket":"PVE:admin@pve:NEW::sig","CSRFPreventionToken":"NEW:csrf"}""");

        var result = await _runner.RunAsync("node", "list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var renewal = _server.Requests[0];
        Assert.Equal("/access/ticket", renewal.Path);
        Assert.Equal("PVE:admin@pve:OLD::sig", renewal.FormValue("password"));
        Assert.Equal("PVEAuthCookie=" + Uri.EscapeDataString("PVE:admin@pve:NEW::sig"), _server.Requests[1].Cookie);
        var saved = new CordConfigStore(_runner.ConfigPath).Load()!;
        Assert.Equal("PVE:admin@pve:NEW::sig", saved.Ticket);
        Assert.Equal(time.GetUtcNow(), saved.TicketIssuedAt);
    }

    [Fact]
    public async Task AnyCommand_SavedTicketExpired_AsksToLogInAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        _runner.Time = time;
        _runner.WithVariable("CORD_TOKEN", string.Empty);
        new CordConfigStore(_runner.ConfigPath).Save(new CordConfig
        {
            Server = _server.BaseAddress.ToString(),
            Username = "admin@pve",
            Ticket = "PVE:admin@pve:OLD::sig",
            CsrfPreventionToken = "OLD:csrf",
            TicketIssuedAt = time.GetUtcNow().AddHours(-3),
        });

        var result = await _runner.RunAsync("node", "list");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("run 'cord login' again", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TaskLog_JsonOutput_PrintsLinesInApiShape()
    {
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/log", """[{"n":1,"t":"hello"},{"n":2,"t":"TASK OK"}]""");

        var result = await _runner.RunAsync("task", "log", Upid, "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var printed = JsonDocument.Parse(result.Output);
        Assert.Equal("TASK OK", printed.RootElement[1].GetProperty("t").GetString());
        Assert.Equal(2, printed.RootElement[1].GetProperty("n").GetInt32());
    }
}
