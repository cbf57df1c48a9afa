using System.Text.Json;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

/// <summary>Whole <c>cord cluster …</c> invocations (other than join and leave) against the fake daemon.</summary>
public sealed class ClusterCommandsTests : IAsyncLifetime
{
    private const string CreateUpid = "UPID:n1:0000AAAA:00BBBBBB:65A1B2C3:clustercreate::root@pam:";
    private const string WitnessUpid = "UPID:n1:0000AAAA:00BBBBBB:65A1B2C3:witnessadd::root@pam:";
    private const string StatusJson = """
        [{"type":"cluster","id":"cluster","name":"duo","nodes":2,"version":3,"quorate":0,"stale":1,"warning":"two nodes without a witness"},
         {"type":"node","id":"node/n1","name":"n1","nodeid":1,"ip":"10.0.0.1","local":1,"online":1,"leader":1,"stale":1,"future":{"x":1}},
         {"type":"node","id":"node/n2","name":"n2","nodeid":2,"ip":"10.0.0.2","local":0,"online":0}]
        """;

    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));
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
    public async Task ClusterStatus_Text_ShowsHeaderWarningStaleNoteAndNodeFlags()
    {
        _server.MapData("GET", "/cluster/status", StatusJson);

        var result = await _runner.RunAsync("cluster", "status");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal("Cluster duo: quorate no, 1/2 nodes online, votes 1/2 (quorum 2)", lines[0]);
        Assert.Equal("WARNING: two nodes without a witness", lines[1]);
        Assert.StartsWith("NOTE: n1 has no quorum", lines[2], StringComparison.Ordinal);
        Assert.Contains("LEADER", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("n2", StringComparison.Ordinal) && l.Contains("no", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClusterStatus_Json_PrintsRawDataIncludingExtensions()
    {
        _server.MapData("GET", "/cluster/status", StatusJson);

        var result = await _runner.RunAsync("cluster", "status", "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var printed = JsonDocument.Parse(result.Output);
        using var expected = JsonDocument.Parse(StatusJson);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, printed.RootElement), result.ToString());
    }

    [Fact]
    public async Task ClusterCreate_FollowsTheTask()
    {
        _server.MapData("POST", "/cluster/config", $"\"{CreateUpid}\"");
        _server.MapData("GET", $"/nodes/n1/tasks/{CreateUpid}/status", $$"""{"upid":"{{CreateUpid}}","status":"stopped","exitstatus":"OK"}""");
        _server.MapData("GET", $"/nodes/n1/tasks/{CreateUpid}/log", """[{"n":1,"t":"cluster prod created"},{"n":2,"t":"TASK OK"}]""");

        var result = await _runner.RunAsync("cluster", "create", "prod");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("cluster prod created", result.Output, StringComparison.Ordinal);
        Assert.Equal("prod", _server.Requests.Single(r => r.Method == "POST").FormValue("clustername"));
    }

    [Fact]
    public async Task ClusterNodes_Text_PrintsVotesAddressesAndFlags()
    {
        _server.MapData("GET", "/cluster/config/nodes", """
            [{"node":"w1","nodeid":3,"quorum_votes":1,"ring0_addr":"10.1.0.3","pve_addr":"10.0.0.3:8006","witness":1,"online":1},
             {"node":"n1","nodeid":1,"quorum_votes":1,"ring0_addr":"10.1.0.1","pve_addr":"10.0.0.1:8006","witness":0,"online":0}]
            """);

        var result = await _runner.RunAsync("cluster", "nodes");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("CLUSTER ADDRESS", result.Output, StringComparison.Ordinal);
        var n1 = result.Output.IndexOf("10.1.0.1", StringComparison.Ordinal);
        var w1 = result.Output.IndexOf("10.1.0.3", StringComparison.Ordinal);
        Assert.InRange(n1, 0, w1);
        Assert.Contains("10.0.0.3:8006", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterDelNode_Force_SendsDeleteWithForceAndConfirms()
    {
        _server.MapData("DELETE", "/cluster/config/nodes/n3", "null");

        var result = await _runner.RunAsync("cluster", "delnode", "n3", "--force");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("Removed node n3 from the cluster.", result.Output.Trim());
        Assert.Equal("1", Assert.Single(_server.Requests).QueryValue("force"));
    }

    [Fact]
    public async Task ClusterDelNode_NodeOwnsVms_ExitsOneWithServerMessage()
    {
        _server.Map("DELETE", "/cluster/config/nodes/n3", _ => FakeResponse.Error(400, "node n3 still owns VMs 100, 101: migrate them or pass force"));

        var result = await _runner.RunAsync("cluster", "delnode", "n3");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("still owns VMs 100, 101", result.Error, StringComparison.Ordinal);
        Assert.Null(Assert.Single(_server.Requests).QueryValue("force"));
    }

    [Fact]
    public async Task ClusterWitnessAdd_PasswordFromStdin_SendsPeerAndFollowsTask()
    {
        _runner.StandardInput = "w1-pass\n";
        _server.MapData("POST", "/cluster/config/witness", $"\"{WitnessUpid}\"");
        _server.MapData("GET", $"/nodes/n1/tasks/{WitnessUpid}/status", $$"""{"upid":"{{WitnessUpid}}","status":"stopped","exitstatus":"OK"}""");
        _server.MapData("GET", $"/nodes/n1/tasks/{WitnessUpid}/log", """[{"n":1,"t":"TASK OK"}]""");

        var result = await _runner.RunAsync("cluster", "witness", "add", "https://w1", "--fingerprint", Fingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant());

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var post = _server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("w1:8006", post.FormValue("hostname"));
        Assert.Equal(Fingerprint, post.FormValue("fingerprint"));
        Assert.Equal("w1-pass", post.FormValue("password"));
        Assert.Equal("admin@pve", post.FormValue("username"));
        Assert.DoesNotContain("w1-pass", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterWitnessRemove_Json_PrintsNull()
    {
        _server.MapData("DELETE", "/cluster/config/witness", "null");

        var result = await _runner.RunAsync("cluster", "witness", "remove", "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("null", result.Output.Trim());
    }

    [Fact]
    public async Task ClusterWitnessAdd_MissingPasswordFile_ExitsWithCode2BeforeAnyRequest()
    {
        var result = await _runner.RunAsync("cluster", "witness", "add", "w1", "--fingerprint", Fingerprint, "--password-file", Path.Combine(_runner.Home, "nope"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
