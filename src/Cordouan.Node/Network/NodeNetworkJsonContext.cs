using System.Text.Json.Serialization;

namespace Cordouan.Node.Network;

/// <summary>Source-generated JSON for the node network documents stored in etcd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeNetworkDocument))]
[JsonSerializable(typeof(TrafficNetworks))]
public sealed partial class NodeNetworkJsonContext : JsonSerializerContext;
