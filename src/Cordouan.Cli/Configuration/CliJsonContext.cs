using System.Text.Json.Serialization;

namespace Cordouan.Cli.Configuration;

/// <summary>Source-generated JSON for the CLI's own files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CordConfig))]
public sealed partial class CliJsonContext : JsonSerializerContext;
