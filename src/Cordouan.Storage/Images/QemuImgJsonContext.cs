using System.Text.Json.Serialization;

namespace Cordouan.Storage.Images;

/// <summary>Source-generated JSON for qemu-img output.</summary>
[JsonSerializable(typeof(QemuImgInfo))]
internal sealed partial class QemuImgJsonContext : JsonSerializerContext;
