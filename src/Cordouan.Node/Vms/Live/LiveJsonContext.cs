using System.Text.Json.Serialization;

namespace Cordouan.Node.Vms.Live;

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(NodeLiveDocument))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
