using System.Text.Json.Serialization;

namespace Cordouan.Cli.Tests.Fakes;

[JsonSerializable(typeof(string))]
internal sealed partial class FakeJsonContext : JsonSerializerContext;
