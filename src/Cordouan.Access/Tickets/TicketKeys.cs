using System.Security.Cryptography;

namespace Cordouan.Access.Tickets;

/// <summary>
/// The loaded keys shared by every node: <see cref="Current"/> signs; a signature by it or by <see cref="Previous"/> (the key
/// it replaced) verifies, each only for tickets issued in its own time, as Proxmox's authkey.pub and authkey.pub.old.
/// </summary>
internal sealed class TicketKeys(RSA current, DateTimeOffset created, RSA? previous, byte[] csrfSecret) : IDisposable
{
    /// <summary>The signing key.</summary>
    public RSA Current { get; } = current;

    /// <summary>When <see cref="Current"/> was created (the rotation time when it replaced another).</summary>
    public DateTimeOffset Created { get; } = created;

    /// <summary>The public key <see cref="Current"/> replaced, or null before the first rotation.</summary>
    public RSA? Previous { get; } = previous;

    public byte[] CsrfSecret { get; } = csrfSecret;

    public byte[] Sign(byte[] data) => Current.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>
    /// True when <paramref name="signature"/> over <paramref name="data"/> is by the current key and the ticket was issued
    /// after it was created, or by the previous key and issued before the rotation (both give <paramref name="skew"/> of slack).
    /// </summary>
    public bool Verify(byte[] data, byte[] signature, DateTimeOffset issuedAt, TimeSpan skew)
    {
        if (issuedAt >= Created - skew && Current.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return true;
        }
        return Previous is not null && issuedAt <= Created + skew
            && Previous.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public void Dispose()
    {
        Current.Dispose();
        Previous?.Dispose();
    }
}
