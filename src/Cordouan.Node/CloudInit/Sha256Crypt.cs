using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Node.CloudInit;

/// <summary>
/// glibc's SHA-256 <c>crypt</c> (<c>$5$salt$hash</c>, Ulrich Drepper's "Unix crypt using SHA-256", default 5000
/// rounds): the scheme Proxmox stores <c>cipassword</c> in, and one that cloud-init hands to <c>chpasswd -e</c> as is.
/// </summary>
public static class Sha256Crypt
{
    private const int Rounds = 5000;
    private const int MaxSaltLength = 16;
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // The order in which the final digest's bytes are encoded, three at a time (from the specification).
    private static readonly (int, int, int)[] Triples =
        [(0, 10, 20), (21, 1, 11), (12, 22, 2), (3, 13, 23), (24, 4, 14), (15, 25, 5), (6, 16, 26), (27, 7, 17), (18, 28, 8), (9, 19, 29)];

    /// <summary>Hashes <paramref name="password"/> with a fresh random 16-character salt.</summary>
    public static string Hash(string password) =>
        Hash(password, RandomNumberGenerator.GetString(Alphabet, MaxSaltLength));

    /// <summary>Hashes with the given salt (at most 16 characters are used, as glibc does).</summary>
    public static string Hash(string password, string salt)
    {
        var p = Encoding.UTF8.GetBytes(password);
        var s = Encoding.UTF8.GetBytes(salt.Length > MaxSaltLength ? salt[..MaxSaltLength] : salt);

        var b = Digest(p, s, p);
        using var a = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        a.AppendData(p);
        a.AppendData(s);
        AppendRepeated(a, b, p.Length);
        for (var n = p.Length; n > 0; n >>= 1)
        {
            a.AppendData((n & 1) != 0 ? b : p);
        }
        var result = a.GetHashAndReset();

        var pSequence = Sequence(Digest(Enumerable.Repeat(p, p.Length).ToArray()), p.Length);
        var sSequence = Sequence(Digest(Enumerable.Repeat(s, 16 + result[0]).ToArray()), s.Length);

        using var c = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < Rounds; i++)
        {
            c.AppendData(i % 2 != 0 ? pSequence : result);
            if (i % 3 != 0)
            {
                c.AppendData(sSequence);
            }
            if (i % 7 != 0)
            {
                c.AppendData(pSequence);
            }
            c.AppendData(i % 2 != 0 ? result : pSequence);
            result = c.GetHashAndReset();
        }

        var text = new StringBuilder("$5$").Append(Encoding.UTF8.GetString(s)).Append('$');
        foreach (var (x, y, z) in Triples)
        {
            Encode(text, result[x], result[y], result[z], 4);
        }
        Encode(text, 0, result[31], result[30], 3);
        return text.ToString();
    }

    private static byte[] Digest(params byte[][] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }
        return hash.GetHashAndReset();
    }

    private static void AppendRepeated(IncrementalHash hash, byte[] block, int length)
    {
        for (; length > block.Length; length -= block.Length)
        {
            hash.AppendData(block);
        }
        hash.AppendData(block, 0, length);
    }

    private static byte[] Sequence(byte[] digest, int length)
    {
        var sequence = new byte[length];
        for (var i = 0; i < length; i++)
        {
            sequence[i] = digest[i % digest.Length];
        }
        return sequence;
    }

    private static void Encode(StringBuilder text, byte b2, byte b1, byte b0, int characters)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < characters; i++, w >>= 6)
        {
            text.Append(Alphabet[w & 0x3f]);
        }
    }
}
