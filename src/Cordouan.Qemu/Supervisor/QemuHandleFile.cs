using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cordouan.Platform.Files;

namespace Cordouan.Qemu.Supervisor;

/// <summary>Reads and atomically writes <see cref="QemuHandle"/> files.</summary>
internal static class QemuHandleFile
{
    public static Task WriteAsync(string path, QemuHandle handle, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(
            path, JsonSerializer.SerializeToUtf8Bytes(handle, QemuHandleJsonContext.Default.QemuHandle), cancellationToken,
            UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>The handle, or null when the file is missing, unreadable or from a newer schema.</summary>
    public static async Task<QemuHandle?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var handle = await JsonSerializer.DeserializeAsync(stream, QemuHandleJsonContext.Default.QemuHandle, cancellationToken);
            return handle is { SchemaVersion: <= QemuHandle.CurrentSchemaVersion } ? handle : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static string HashArgv(IReadOnlyList<string> argv) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', argv))));
}
