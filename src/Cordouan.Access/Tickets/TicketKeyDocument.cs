namespace Cordouan.Access.Tickets;

/// <summary>The cluster's ticket keys at <c>ClusterKeys.TicketKey</c>: RSA-2048 private key (PKCS#8) and the CSRF HMAC secret.</summary>
internal sealed record TicketKeyDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RsaPrivateKeyPkcs8 { get; init; }

    public required string CsrfSecret { get; init; }

    /// <summary>Unix time of creation.</summary>
    public long Created { get; init; }
}
