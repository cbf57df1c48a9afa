using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Nodes;

/// <summary><c>cord node maintenance enter/exit/status</c> against the fake daemon.</summary>
public sealed class NodeMaintenanceCommandsTests : IAsyncLifetime
{
    private const string Upid = "UPID:n1:0000AAAA:00BBBBBB:65A1B2C3:nodemaint:n1:root@pam:";
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
    public async Task Enter_Default_PostsWithoutEvacuateAndFollowsTheTaskLog()
    {
        MapTask("WARNINGS: 1", "WARN: VM 102 stays on this node: it is locked (backup)");

        var result = await _runner.RunAsync("node", "maintenance", "enter", "n1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Null(_server.Requests.Single(r => r.Method == "POST").FormValue("evacuate"));
        Assert.Contains("VM 102 stays on this node", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enter_NoEvacuate_SendsEvacuate0()
    {
        MapTask("OK", "evacuation skipped (evacuate=0): the VMs stay on this node");

        var result = await _runner.RunAsync("node", "maintenance", "enter", "n1", "--no-evacuate");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("0", _server.Requests.Single(r => r.Method == "POST").FormValue("evacuate"));
    }

    [Fact]
    public async Task Exit_Text_SaysTheNodeTakesVmsAgain()
    {
        _server.MapData("DELETE", "/nodes/n1/maintenance", "null");

        var result = await _runner.RunAsync("node", "maintenance", "exit", "n1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Node n1 is out of maintenance", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OneNode_ShowsFlagAndRemainingVms()
    {
        _server.MapData("GET", "/nodes/n1/maintenance", """{"maintenance":1,"vms":[{"vmid":102,"name":"db","status":"stopped","lock":"backup"}]}""");

        var result = await _runner.RunAsync("node", "maintenance", "status", "n1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Node n1 is in maintenance: it takes no new VMs; 1 VM(s) still on it.", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.Output.Split('\n'), l => l.Contains("102", StringComparison.Ordinal) && l.Contains("backup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_AllNodes_ListsEachHypervisorsFlag()
    {
        _server.MapData("GET", "/cluster/status", """
            [{"type":"cluster","id":"cluster","name":"duo","nodes":3,"quorate":1},
             {"type":"node","id":"node/n1","name":"n1","online":1,"maintenance":1},
             {"type":"node","id":"node/n2","name":"n2","online":1,"maintenance":0},
             {"type":"node","id":"node/w","name":"w","online":1,"witness":1}]
            """);

        var result = await _runner.RunAsync("node", "maintenance", "status");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("n1", StringComparison.Ordinal) && l.TrimEnd().EndsWith("yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("n2", StringComparison.Ordinal) && l.TrimEnd().EndsWith("no", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("w ", StringComparison.Ordinal));
    }

    private void MapTask(string exit, string line)
    {
        _server.MapData("POST", "/nodes/n1/maintenance", $"\"{Upid}\"");
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/status", $$"""{"upid":"{{Upid}}","status":"stopped","exitstatus":"{{exit}}"}""");
        _server.MapData("GET", $"/nodes/n1/tasks/{Upid}/log", $$"""[{"n":1,"t":"{{line}}"},{"n":2,"t":"TASK {{exit}}"}]""");
    }
}
