using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary><c>rbd status --format json POOL/IMAGE</c>: the clients watching the image (every librbd that has it open).</summary>
public sealed record RbdStatus
{
    [JsonPropertyName("watchers")]
    public IReadOnlyList<RbdWatcher> Watchers { get; init; } = [];
}

/// <summary>One watcher: the client instance's address <c>IP:port/nonce</c> and its global id.</summary>
public sealed record RbdWatcher
{
    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("client")]
    public long Client { get; init; }
}
