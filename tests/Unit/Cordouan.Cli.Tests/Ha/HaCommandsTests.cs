using System.Text.Json.Nodes;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Ha;

/// <summary><c>cord ha resource …</c> and <c>cord ha group …</c> against the fake daemon: the Proxmox parameters sent and what is printed.</summary>
public sealed class HaCommandsTests : IAsyncLifetime
{
    private readonly FakePveServer _server = new();
    private readonly CliRunner _runner = new();

    public ValueTask InitializeAsync()
    {
        _runner.WithVariable("CORD_SERVER", _server.BaseAddress.ToString()).WithVariable("CORD_TOKEN", "root@pam!ci=secret-uuid");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _runner.Dispose();
    }

    [Fact]
    public async Task ResourceAdd_Flags_PostsProxmoxParametersOnly()
    {
        _server.MapData("POST", "/cluster/ha/resources", "null");

        var result = await _runner.RunAsync("ha", "resource", "add", "100", "--state", "started", "--group", "g1", "--max-restart", "2", "--failback", "0");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var post = _server.Requests.Single(r => r.Method == "POST");
        Assert.Equal(
            [new("state", "started"), new("group", "g1"), new("max_restart", "2"), new("failback", "0"), new("sid", "100")],
            post.Form);
        Assert.Contains("HA now manages vm:100.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceSet_DeleteAndDigest_PutsToTheResource()
    {
        _server.MapData("PUT", "/cluster/ha/resources/vm:100", "null");

        var result = await _runner.RunAsync("ha", "resource", "set", "vm:100", "--max-relocate", "3", "--delete", "group,comment", "--digest", "0123abcd");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var put = _server.Requests.Single(r => r.Method == "PUT");
        Assert.Equal(("3", "group,comment", "0123abcd", null), (put.FormValue("max_relocate"), put.FormValue("delete"), put.FormValue("digest"), put.FormValue("state")));
    }

    [Fact]
    public async Task ResourceSet_NothingToChange_UsageErrorAndNoRequest()
    {
        var result = await _runner.RunAsync("ha", "resource", "set", "100");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Nothing to change", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ResourceAdd_UnknownState_UsageError()
    {
        var result = await _runner.RunAsync("ha", "resource", "add", "100", "--state", "running");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ResourceList_Text_OneRowPerResource()
    {
        _server.MapData("GET", "/cluster/ha/resources", """
            [{"sid":"vm:101","type":"vm","state":"stopped","max_restart":1,"max_relocate":1,"failback":1,"digest":"d2"},
             {"sid":"vm:100","type":"vm","state":"started","group":"g1","max_restart":2,"max_relocate":1,"failback":0,"comment":"db","digest":"d1"}]
            """);

        var result = await _runner.RunAsync("ha", "resource", "list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Output.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("vm:100", StringComparison.Ordinal));
        Assert.True(first >= 0 && first < Array.FindIndex(lines, l => l.Contains("vm:101", StringComparison.Ordinal)), result.ToString());
        Assert.Matches(@"vm:100\s+started\s+g1\s+2\s+1\s+no\s+db", lines[first]);
    }

    [Fact]
    public async Task ResourceRemove_DaemonRefuses_ExitsWithItsMessage()
    {
        _server.Map("DELETE", "/cluster/ha/resources/vm:100", _ => FakeResponse.Error(500, "cannot delete service 'vm:100', not HA managed!"));

        var result = await _runner.RunAsync("ha", "resource", "remove", "vm:100");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("cannot delete service 'vm:100', not HA managed!", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupAdd_NodesAndSwitches_Posted()
    {
        _server.MapData("POST", "/cluster/ha/groups", "null");

        var result = await _runner.RunAsync("ha", "group", "add", "g1", "--nodes", "n1:2,n2", "--restricted", "1", "--nofailback", "no");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var post = _server.Requests.Single(r => r.Method == "POST");
        Assert.Equal([new("nodes", "n1:2,n2"), new("restricted", "1"), new("nofailback", "0"), new("group", "g1")], post.Form);
    }

    [Fact]
    public async Task GroupAdd_WithoutNodes_UsageError()
    {
        var result = await _runner.RunAsync("ha", "group", "add", "g1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--nodes", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GroupSet_NotABoolean_UsageError()
    {
        var result = await _runner.RunAsync("ha", "group", "set", "g1", "--restricted", "maybe");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--restricted expects 1 or 0, got 'maybe'.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupList_Json_PrintsTheApiData()
    {
        _server.MapData("GET", "/cluster/ha/groups", """[{"group":"g1","type":"group","nodes":"n1:2,n2","restricted":1,"nofailback":0,"digest":"d"}]""");

        var result = await _runner.RunAsync("--output", "json", "ha", "group", "list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var group = Assert.Single(JsonNode.Parse(result.Output)!.AsArray())!;
        Assert.Equal("n1:2,n2", group["nodes"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupRemove_Deletes()
    {
        _server.MapData("DELETE", "/cluster/ha/groups/g1", "null");

        var result = await _runner.RunAsync("ha", "group", "remove", "g1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Single(_server.Requests, r => r.Method == "DELETE" && r.Path == "/cluster/ha/groups/g1");
        Assert.Contains("Deleted HA group g1.", result.Output, StringComparison.Ordinal);
    }
}
