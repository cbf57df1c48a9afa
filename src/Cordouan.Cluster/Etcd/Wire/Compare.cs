using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>A txn guard: <c>target</c> is CREATE or MOD, compared EQUAL to the matching revision field.</summary>
internal sealed record Compare
{
    [JsonPropertyName("key")]
    public required byte[] Key { get; init; }

    [JsonPropertyName("target")]
    public required string Target { get; init; }

    [JsonPropertyName("result")]
    public string Result { get; init; } = "EQUAL";

    [JsonPropertyName("create_revision")]
    public long? CreateRevision { get; init; }

    [JsonPropertyName("mod_revision")]
    public long? ModRevision { get; init; }
}
