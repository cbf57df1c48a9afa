using System.Text;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Http;

public sealed class PveParametersTests
{
    [Fact]
    public async Task ReadAsync_FormAndQuery_QueryWinsRepeatsKept()
    {
        var parameters = await ReadAsync("a=1&b=x+y&b=%C3%A9;c", "application/x-www-form-urlencoded", "?a=2");
        Assert.Equal("2", parameters.Get("a"));
        Assert.Equal(["x y", "é"], parameters.GetAll("b"));
        Assert.Equal("", parameters.Get("c"));
    }

    [Fact]
    public async Task ReadAsync_Json_BooleansAndArrays()
    {
        var parameters = await ReadAsync("""{"a":true,"b":[1,"x"],"c":2.5}""", "application/json; charset=utf-8");
        Assert.Equal("1", parameters.Get("a"));
        Assert.Equal(["1", "x"], parameters.GetAll("b"));
        Assert.Equal("2.5", parameters.Get("c"));
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8Value_400OnTheField()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => ReadAsync("username=%FF%FE", "application/x-www-form-urlencoded"));
        Assert.Equal("value is not valid UTF-8", e.Errors["username"]);
    }

    [Fact]
    public async Task ReadAsync_NulInValueOrName_400()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => ReadAsync("password=a%00b", "application/x-www-form-urlencoded"));
        Assert.Equal("value must not contain NUL bytes", e.Errors["password"]);
        await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAsync("pass%00word=x", "application/x-www-form-urlencoded"));
        await Assert.ThrowsAsync<ValidationException>(() => ReadAsync("""{"p":"a\u0000"}""", "application/json"));
    }

    [Fact]
    public async Task ReadAsync_TooManyFields_400()
    {
        var body = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));
        var e = await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAsync(body, "application/x-www-form-urlencoded"));
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("too many parameters", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAsync("", null, "?" + body));
    }

    [Fact]
    public async Task ReadAsync_BodyOverLimit_400BeforeReading()
    {
        var e = await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAsync("password=" + new string('x', 5 * 1024 * 1024), "application/x-www-form-urlencoded"));
        Assert.Contains("request body too large", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "a=1", "request body without Content-Type")]
    [InlineData("text/plain", "a=1", "unsupported Content-Type 'text/plain'")]
    [InlineData("application/json", "[1,2]", "the JSON body must be an object, not array")]
    [InlineData("application/json", "{\"a\":", "invalid JSON body")]
    public async Task ReadAsync_MalformedBody_400NamingTheProblem(string? contentType, string body, string expected)
    {
        var e = await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAsync(body, contentType));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Twice_SameInstance()
    {
        var context = Context("a=1", "application/x-www-form-urlencoded", "");
        var first = await PveParameters.ReadAsync(context.Request, CancellationToken.None);
        Assert.Same(first, await PveParameters.ReadAsync(context.Request, CancellationToken.None));
    }

    private static Task<PveParameters> ReadAsync(string body, string? contentType, string query = "") =>
        PveParameters.ReadAsync(Context(body, contentType, query).Request, CancellationToken.None);

    private static DefaultHttpContext Context(string body, string? contentType, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.QueryString = new QueryString(query);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return context;
    }
}
