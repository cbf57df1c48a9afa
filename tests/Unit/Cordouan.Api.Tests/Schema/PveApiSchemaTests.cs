using Cordouan.Api.Schema;
using Xunit;

namespace Cordouan.Api.Tests.Schema;

public sealed class PveApiSchemaTests
{
    private static readonly PveApiSchema Schema = PveApiSchema.LoadEmbedded();

    [Fact]
    public void Match_ConcretePath_MethodAndPathParameters()
    {
        var match = Schema.Match("POST", "/api2/json/nodes/n1/qemu/100/status/start")!;
        Assert.Equal("/nodes/{node}/qemu/{vmid}/status/start", match.Method.PathTemplate);
        Assert.Equal("n1", match.PathParameters["node"]);
        Assert.Equal("100", match.PathParameters["vmid"]);
    }

    [Fact]
    public void Match_LiteralSegment_PreferredOverParameter()
    {
        // /cluster/ha/resources/{sid} exists beside literal siblings; /nodes/{node}/qemu beside /nodes/{node}/{…}? use status/current.
        Assert.Equal("/nodes/{node}/qemu/{vmid}/status/current", Schema.Match("GET", "/api2/json/nodes/n1/qemu/100/status/current")!.Method.PathTemplate);
        Assert.Equal("/access/users/{userid}/token", Schema.Match("GET", "/api2/json/access/users/a@pve/token")!.Method.PathTemplate);
        Assert.Equal("/cluster/config/nodes", Schema.Match("GET", "/api2/json/cluster/config/nodes")!.Method.PathTemplate);
    }

    [Fact]
    public void Match_LiteralDeadEnd_FallsBackToParameter()
    {
        var matcher = new PathTemplateMatcher();
        var literal = new ApiMethod("GET", "/a/fixed/x", MethodPermission.All, true, new Dictionary<string, ApiParameter>());
        var parameter = new ApiMethod("GET", "/a/{id}/y", MethodPermission.All, true, new Dictionary<string, ApiParameter>());
        matcher.Add(literal);
        matcher.Add(parameter);
        Assert.Same(literal, matcher.Match("GET", "/a/fixed/x")!.Method);
        var viaParameter = matcher.Match("GET", "/a/fixed/y")!;
        Assert.Same(parameter, viaParameter.Method);
        Assert.Equal("fixed", viaParameter.PathParameters["id"]);
        Assert.Null(matcher.Match("POST", "/a/fixed/x"));
    }

    [Theory]
    [InlineData("GET", "/api2/json/nodes/n1/maintenance")]
    [InlineData("GET", "/api2/json/internal/volumes")]
    [InlineData("GET", "/api2/jsonx/version")]
    [InlineData("GET", "/version")]
    [InlineData("PATCH", "/api2/json/version")]
    public void Match_NotAProxmoxMethod_Null(string method, string path) => Assert.Null(Schema.Match(method, path));

    [Fact]
    public void Match_TrailingAndDoubleSlashes_Ignored() =>
        Assert.Equal("/nodes/{node}/qemu", Schema.Match("GET", "/api2/json//nodes/n1/qemu/")!.Method.PathTemplate);

    [Fact]
    public void LoadEmbedded_EveryParameterParsed()
    {
        var qemuCreate = Schema.Match("POST", "/api2/json/nodes/n1/qemu")!.Method;
        var memory = qemuCreate.Parameters["memory"];
        Assert.Equal("string", memory.Type);
        var vmid = qemuCreate.Parameters["vmid"];
        Assert.Equal("pve-vmid", vmid.Format);
        Assert.Equal(100, vmid.Minimum);
        Assert.False(vmid.Optional);
        Assert.Contains(qemuCreate.Parameters.Keys, k => k == "net[n]");
        Assert.Equal(649, Schema.Methods.Count);
        Assert.False(Schema.Match("POST", "/api2/json/access/ticket")!.Method.AllowToken);
    }
}
