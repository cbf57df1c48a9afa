using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary>Source-generated JSON for the output of <c>ceph … --format json</c> (numbers may come quoted).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CephMonDump))]
[JsonSerializable(typeof(CephMgrDump))]
[JsonSerializable(typeof(CephOsdDfTree))]
[JsonSerializable(typeof(IReadOnlyList<CephPoolDetail>))]
[JsonSerializable(typeof(CephDf))]
[JsonSerializable(typeof(IReadOnlyList<CephCrushRule>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CephJsonContext : JsonSerializerContext;
