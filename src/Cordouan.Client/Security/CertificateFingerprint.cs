using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cordouan.Client.Security;

/// <summary>SHA-256 certificate fingerprints as PVE prints them (<c>AA:BB:…</c>, 32 pairs); input may also be plain hex, any case.</summary>
public static class CertificateFingerprint
{
    private const int HashLength = 32;

    /// <summary>Parses a fingerprint into the canonical <c>AA:BB:…</c> form, or returns false.</summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var hex = text.Trim().Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex.StartsWith("sha256", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[6..].TrimStart('=', ' ');
        }
        if (hex.Length != HashLength * 2 || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }
        fingerprint = Format(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>Parses a fingerprint into the canonical <c>AA:BB:…</c> form.</summary>
    public static string Normalize(string text) =>
        TryNormalize(text, out var fingerprint)
            ? fingerprint
            : throw new FormatException("A certificate fingerprint must be 32 SHA-256 bytes in hex, e.g. 'AB:CD:…' or 'abcd…'.");

    /// <summary>Formats hash bytes as upper-case hex pairs joined with colons.</summary>
    public static string Format(ReadOnlySpan<byte> hash) => string.Join(':', Convert.ToHexString(hash).Chunk(2).Select(pair => new string(pair)));

    /// <summary>The SHA-256 fingerprint of a certificate in canonical form.</summary>
    public static string Compute(X509Certificate certificate) => Format(SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>True when both texts denote the same fingerprint (separators and case ignored).</summary>
    public static bool Matches(string? expected, string? actual) =>
        TryNormalize(expected, out var a) && TryNormalize(actual, out var b) &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));
}
