using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Cordouan.Client.Security;

/// <summary>
/// Checks the daemon's TLS certificate: by pinned SHA-256 fingerprint when one is given, not at all when
/// explicitly insecure, else by the system trust store. Remembers the last rejected fingerprint for error messages.
/// </summary>
public sealed class ServerCertificateValidator
{
    private string? _pinned;
    private readonly bool _insecure;
    private string? _lastRejected;

    public ServerCertificateValidator(string? fingerprint, bool insecure)
    {
        _pinned = string.IsNullOrWhiteSpace(fingerprint) ? null : CertificateFingerprint.Normalize(fingerprint);
        _insecure = insecure;
    }

    /// <summary>The canonical pinned fingerprint, if any.</summary>
    public string? PinnedFingerprint => Volatile.Read(ref _pinned);

    /// <summary>
    /// Pins another certificate from now on: for a node whose certificate changed for a reason the caller verified
    /// (a cluster join re-issues it, and a member the user already trusts vouches for the new one).
    /// </summary>
    public void Repin(string fingerprint) => Volatile.Write(ref _pinned, CertificateFingerprint.Normalize(fingerprint));

    /// <summary>Fingerprint of the last certificate this validator refused, for "expected X, got Y" messages.</summary>
    public string? LastRejectedFingerprint => Volatile.Read(ref _lastRejected);

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure)
        {
            return true;
        }
        if (certificate is null)
        {
            return false;
        }
        var pinned = Volatile.Read(ref _pinned);
        var accepted = pinned is null
            ? errors == SslPolicyErrors.None
            : CertificateFingerprint.Matches(pinned, CertificateFingerprint.Compute(certificate));
        if (!accepted)
        {
            Volatile.Write(ref _lastRejected, CertificateFingerprint.Compute(certificate));
        }
        return accepted;
    }
}
