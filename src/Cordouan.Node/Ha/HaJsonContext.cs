using System.Text.Json.Serialization;

namespace Cordouan.Node.Ha;

/// <summary>Source-generated JSON for the HA documents stored in etcd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HaResourceDocument))]
[JsonSerializable(typeof(HaGroupDocument))]
[JsonSerializable(typeof(HaServiceState))]
[JsonSerializable(typeof(HaLrmStatus))]
[JsonSerializable(typeof(HaManagerStatus))]
public sealed partial class HaJsonContext : JsonSerializerContext;
