using System.Text;
using System.Text.Json.Nodes;
using Cordouan.Api.Endpoints.Cluster.Resources;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Cluster.Resources;

public sealed class ResourceListWriterTests
{
    [Fact]
    public async Task ToResult_SerializedAndNodeItemsMixed_WritesOneCommaSeparatedList()
    {
        using var list = new ResourceListWriter(capacityHint: 0);
        list.AddSerialized("{\"a\":1}"u8);
        list.Add(new JsonObject { ["b"] = "x" });
        list.AddSerialized("{\"c\":[2,3]}"u8);

        var body = await ExecuteAsync(list.ToResult());

        Assert.Equal("{\"data\":[{\"a\":1},{\"b\":\"x\"},{\"c\":[2,3]}]}", body);
    }

    [Fact]
    public async Task ToResult_BodyFarBeyondCapacityHint_KeepsEveryByte()
    {
        using var list = new ResourceListWriter(capacityHint: 16);
        var item = Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string('x', 1000)}\"}}");
        for (var i = 0; i < 5000; i++)
        {
            list.AddSerialized(item);
        }

        var body = await ExecuteAsync(list.ToResult());

        Assert.Equal(5000, JsonNode.Parse(body)!["data"]!.AsArray().Count);
    }

    [Fact]
    public void Dispose_WithoutResult_ReturnsBufferAndAllowsNoMoreWrites()
    {
        var list = new ResourceListWriter(capacityHint: 1024);
        list.AddSerialized("{}"u8);

        list.Dispose();

        Assert.Throws<ObjectDisposedException>(() => list.ToResult());
    }

    [Fact]
    public void PooledBufferWriter_GrowsPastInitialCapacity_PreservesWrittenBytes()
    {
        using var buffer = new PooledBufferWriter(initialCapacity: 4);
        for (var i = 0; i < 2000; i++)
        {
            buffer.GetSpan(1)[0] = (byte)(i % 251);
            buffer.Advance(1);
        }

        var written = buffer.WrittenMemory.ToArray();

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (byte)(i % 251)), written);
    }

    private static async Task<string> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        Assert.Equal(body.Length, context.Response.ContentLength);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
