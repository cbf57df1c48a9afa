using System.Text.Json.Serialization;

namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>Source-generated JSON for typed QMP replies; QMP member names are kebab-case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
[JsonSerializable(typeof(QmpStatusInfo))]
[JsonSerializable(typeof(QmpKvmInfo))]
[JsonSerializable(typeof(IReadOnlyList<QmpBlockDevice>))]
[JsonSerializable(typeof(QmpMigrationInfo))]
[JsonSerializable(typeof(IReadOnlyList<QmpBlockJob>))]
[JsonSerializable(typeof(IReadOnlyList<QmpBlockStats>))]
internal sealed partial class QmpJsonContext : JsonSerializerContext;
