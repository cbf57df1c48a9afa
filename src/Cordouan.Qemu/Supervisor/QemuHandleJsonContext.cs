using System.Text.Json.Serialization;

namespace Cordouan.Qemu.Supervisor;

/// <summary>Source-generated JSON for the per-VM handle file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(QemuHandle))]
internal sealed partial class QemuHandleJsonContext : JsonSerializerContext;
