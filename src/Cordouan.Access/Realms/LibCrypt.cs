using System.Runtime.InteropServices;

namespace Cordouan.Access.Realms;

/// <summary>
/// libxcrypt's re-entrant <c>crypt_rn</c>: hashes a passphrase with the method and salt named by a setting
/// (<c>$y$…</c> yescrypt, <c>$6$…</c> sha512crypt, …). Its work area lives in native memory so the returned
/// pointer stays valid until we have copied the result, and is wiped afterwards.
/// </summary>
internal static unsafe partial class LibCrypt
{
    private const string Library = "libcrypt.so.1";

    // sizeof(struct crypt_data) in libxcrypt.
    private const int DataSize = 32768;

    /// <summary>The hash of <paramref name="phrase"/> under <paramref name="setting"/> (a full hash works as its own setting), or null when libcrypt refuses.</summary>
    public static string? Hash(string phrase, string setting)
    {
        if (phrase.Contains('\0', StringComparison.Ordinal) || setting.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        var data = NativeMemory.AllocZeroed(DataSize);
        try
        {
            var result = CryptRn(phrase, setting, data, DataSize);
            // libxcrypt reports failure as NULL or, for some methods, a string starting with '*'.
            return result == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(result) is { } hash && !hash.StartsWith('*') ? hash : null;
        }
        finally
        {
            NativeMemory.Clear(data, DataSize);
            NativeMemory.Free(data);
        }
    }

    /// <summary>A fresh setting (method prefix plus random salt), e.g. for <c>"$6$"</c> or <c>"$y$"</c>.</summary>
    public static string? GenerateSetting(string prefix)
    {
        const int Size = 256;
        var output = stackalloc byte[Size];
        var result = CryptGensaltRn(prefix, 0, null, 0, output, Size);
        return result == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(result);
    }

    [LibraryImport(Library, EntryPoint = "crypt_rn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr CryptRn(string phrase, string setting, void* data, int size);

    [LibraryImport(Library, EntryPoint = "crypt_gensalt_rn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr CryptGensaltRn(string prefix, ulong count, byte* randomBytes, int randomSize, byte* output, int outputSize);
}
