using System.Text.Json.Serialization;

namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>Source-generated JSON for the metric server documents stored in etcd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MetricServerDocument))]
public sealed partial class MetricServerJsonContext : JsonSerializerContext;
