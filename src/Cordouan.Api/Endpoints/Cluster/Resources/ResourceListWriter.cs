using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>
/// Builds a Proxmox list response, <c>{"data":[…]}</c>, item by item into pooled memory; pre-serialized items are
/// copied as they are. Its bytes and headers are those of <see cref="Http.PveResult.List"/> for the same items.
/// </summary>
public sealed class ResourceListWriter : IDisposable
{
    private readonly PooledBufferWriter _buffer;
    private readonly Utf8JsonWriter _writer;
    private bool _handedOver;

    /// <param name="capacityHint">Bytes the whole body is expected to take (it grows past it when needed).</param>
    public ResourceListWriter(int capacityHint)
    {
        _buffer = new PooledBufferWriter(capacityHint);
        // Default options, as PveResult writes: same escaping, no indentation.
        _writer = new Utf8JsonWriter(_buffer);
        _writer.WriteStartObject();
        _writer.WritePropertyName("data");
        _writer.WriteStartArray();
    }

    /// <summary>Appends one item already serialized (one complete JSON object, UTF-8, written with default writer options).</summary>
    public void AddSerialized(ReadOnlySpan<byte> item) => _writer.WriteRawValue(item, skipInputValidation: true);

    /// <summary>Appends one item serialized now.</summary>
    public void Add(JsonNode item) => item.WriteTo(_writer);

    /// <summary>Closes the list; the result owns the memory from now on and returns it to the pool once written.</summary>
    public IResult ToResult()
    {
        ObjectDisposedException.ThrowIf(_handedOver, this);
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Dispose();
        _handedOver = true;
        return new ListResult(_buffer);
    }

    public void Dispose()
    {
        if (!_handedOver)
        {
            _handedOver = true;
            _writer.Dispose();
            _buffer.Dispose();
        }
    }

    private sealed class ListResult(PooledBufferWriter body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (body)
            {
                var response = httpContext.Response;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json;charset=UTF-8";
                response.ContentLength = body.WrittenMemory.Length;
                await response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
            }
        }
    }
}
