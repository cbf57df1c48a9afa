using System.Security.Cryptography;

namespace Cordouan.Access.Tickets;

/// <summary>The loaded signing key and CSRF secret shared by every node.</summary>
internal sealed class TicketKeys(RSA rsa, byte[] csrfSecret) : IDisposable
{
    public RSA Rsa { get; } = rsa;

    public byte[] CsrfSecret { get; } = csrfSecret;

    public void Dispose() => Rsa.Dispose();
}
