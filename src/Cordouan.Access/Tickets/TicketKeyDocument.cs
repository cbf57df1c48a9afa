namespace Cordouan.Access.Tickets;

/// <summary>
/// The cluster's ticket keys at <c>ClusterKeys.TicketKey</c>: the current RSA-2048 private key (PKCS#8), the public key it
/// replaced at the last rotation (still accepted for the tickets it signed), and the CSRF HMAC secret (never rotated, as in
/// Proxmox). Schema 1 had no previous key.
/// </summary>
internal sealed record TicketKeyDocument
{
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RsaPrivateKeyPkcs8 { get; init; }

    public required string CsrfSecret { get; init; }

    /// <summary>Unix time the current key was created: it signs until <see cref="TicketKeyStore.KeyLifetime"/> later.</summary>
    public long Created { get; init; }

    /// <summary>The replaced key's public part (SubjectPublicKeyInfo, base64); null before the first rotation.</summary>
    public string? PreviousRsaPublicKey { get; init; }

    /// <summary>Unix time the replaced key was created.</summary>
    public long PreviousCreated { get; init; }
}
