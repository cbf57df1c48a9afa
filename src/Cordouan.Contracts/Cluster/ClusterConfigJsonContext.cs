using System.Text.Json.Serialization;
using Cordouan.Contracts.Json;

namespace Cordouan.Contracts.Cluster;

/// <summary>
/// Source-generated JSON metadata for the <c>/cluster/config</c> wire types, with the same tolerant converters as
/// <see cref="ContractsJsonContext"/> (numbers as strings, booleans as <c>0</c>/<c>1</c>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(FlexibleInt64Converter), typeof(FlexibleInt32Converter), typeof(FlexibleDoubleConverter), typeof(PveBooleanConverter)])]
[JsonSerializable(typeof(ClusterJoinInfo))]
[JsonSerializable(typeof(IReadOnlyList<ClusterConfigNode>))]
public sealed partial class ClusterConfigJsonContext : JsonSerializerContext;
