using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>Source-generated JSON for the output of <c>rbd … --format json</c>, <c>ceph df</c> and <c>ceph osd blocklist ls</c> (numbers may come quoted).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RbdImageInfo))]
[JsonSerializable(typeof(IReadOnlyList<RbdListEntry>))]
[JsonSerializable(typeof(IReadOnlyList<RbdSnapshot>))]
[JsonSerializable(typeof(IReadOnlyList<RbdChild>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(RbdDiskUsage))]
[JsonSerializable(typeof(CephDfPools))]
[JsonSerializable(typeof(RbdStatus))]
[JsonSerializable(typeof(IReadOnlyList<CephBlocklistEntry>))]
internal sealed partial class RbdJsonContext : JsonSerializerContext;
