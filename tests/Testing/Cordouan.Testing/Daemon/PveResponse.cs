using System.Net;
using System.Text.Json.Nodes;

namespace Cordouan.Testing.Daemon;

/// <summary>A raw API answer: status, reason phrase and the parsed body, so tests can assert on exactly what clients see.</summary>
public sealed record PveResponse(HttpStatusCode Status, string? Reason, JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];

    public string? Message => Body?["message"]?.GetValue<string>();

    public string? Error(string field) => Body?["errors"]?[field]?.GetValue<string>();

    public PveResponse EnsureOk()
    {
        if (Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"expected 200, got {(int)Status} {Reason}: {Body?.ToJsonString()}");
        }
        return this;
    }
}
