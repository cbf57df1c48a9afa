using System.Text.Json.Serialization;

namespace Cordouan.Cli.Configuration;

/// <summary>The saved login: which daemon, how to trust it, and the current ticket. Stored with mode 0600.</summary>
public sealed record CordConfig
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Normalised base address, <c>https://host:8006/</c>.</summary>
    [JsonPropertyName("server")]
    public required string Server { get; init; }

    /// <summary>Pinned certificate fingerprint in <c>AA:BB:…</c> form.</summary>
    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; init; }

    [JsonPropertyName("insecure")]
    public bool Insecure { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("ticket")]
    public string? Ticket { get; init; }

    [JsonPropertyName("csrfPreventionToken")]
    public string? CsrfPreventionToken { get; init; }

    /// <summary>When the ticket was obtained, by this machine's clock; renewal happens after an hour.</summary>
    [JsonPropertyName("ticketIssuedAt")]
    public DateTimeOffset? TicketIssuedAt { get; init; }

    /// <summary>Keeps the ticket out of any accidental print.</summary>
    public override string ToString() => $"CordConfig {{ Server = {Server}, Username = {Username} }}";
}
