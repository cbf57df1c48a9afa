using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>Source-generated JSON for the output of <c>rbd … --format json</c> and <c>ceph df</c> (numbers may come quoted).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RbdImageInfo))]
[JsonSerializable(typeof(IReadOnlyList<RbdListEntry>))]
[JsonSerializable(typeof(IReadOnlyList<RbdSnapshot>))]
[JsonSerializable(typeof(IReadOnlyList<RbdChild>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(RbdDiskUsage))]
[JsonSerializable(typeof(CephDfPools))]
internal sealed partial class RbdJsonContext : JsonSerializerContext;
