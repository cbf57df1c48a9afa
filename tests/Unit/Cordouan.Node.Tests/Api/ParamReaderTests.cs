using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Node.Tests.Api;

public sealed class ParamReaderTests
{
    private static async Task<ParamReader> ReaderAsync(string query, Dictionary<string, string>? path = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return new ParamReader(await PveParameters.ReadAsync(context.Request, CancellationToken.None), path);
    }

    [Fact]
    public async Task Validate_MissingUnknownAndBadTyped_AllReportedAtOnce()
    {
        var reader = await ReaderAsync("?limit=abc&extra=1&node=other", new() { ["node"] = "n1" });
        reader.RequiredString("upid");
        reader.Integer("limit");
        var e = Assert.Throws<ValidationException>(reader.Validate);
        Assert.Equal("property is missing and it is not optional", e.Errors["upid"]);
        Assert.Equal("type check ('integer') failed - got 'abc'", e.Errors["limit"]);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", e.Errors["extra"]);
        Assert.Equal("duplicate parameter (already defined in URI) with conflicting values!", e.Errors["node"]);
    }

    [Fact]
    public async Task Boolean_ProxmoxSpellings()
    {
        var reader = await ReaderAsync("?a=1&b=0&c=true&d=x");
        Assert.True(reader.Boolean("a"));
        Assert.False(reader.Boolean("b"));
        Assert.True(reader.Boolean("c"));
        Assert.Null(reader.Boolean("d"));
        Assert.Throws<ValidationException>(reader.Validate);
    }

    [Fact]
    public async Task Integer_Bounds_ProxmoxText()
    {
        var reader = await ReaderAsync("?vmid=99");
        reader.Integer("vmid", 100, 999999999);
        Assert.Equal("value must have a minimum value of 100", Assert.Throws<ValidationException>(reader.Validate).Errors["vmid"]);
    }
}
