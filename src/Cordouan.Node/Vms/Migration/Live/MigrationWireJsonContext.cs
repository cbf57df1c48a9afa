using System.Text.Json.Serialization;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>Source-generated JSON of the node-to-node live migration calls.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IncomingRequest))]
[JsonSerializable(typeof(IncomingOffer))]
public sealed partial class MigrationWireJsonContext : JsonSerializerContext;
