using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Config;

/// <summary>Source-generated JSON for the Ceph facts document in the cluster store.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CephClusterFacts))]
internal sealed partial class CephStateJsonContext : JsonSerializerContext;
