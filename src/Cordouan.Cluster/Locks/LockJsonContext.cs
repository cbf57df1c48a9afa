using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Locks;

/// <summary>Source-generated JSON for lock documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LockHolder))]
internal sealed partial class LockJsonContext : JsonSerializerContext;
