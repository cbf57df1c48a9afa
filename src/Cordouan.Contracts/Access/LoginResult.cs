using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Access;

/// <summary>Answer of <c>POST /access/ticket</c>.</summary>
public sealed record LoginResult
{
    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("ticket")]
    public string? Ticket { get; init; }

    [JsonPropertyName("CSRFPreventionToken")]
    public string? CsrfPreventionToken { get; init; }

    [JsonPropertyName("clustername")]
    public string? ClusterName { get; init; }

    /// <summary>Set when the server wants a second factor; Cordouan's client does not support TFA.</summary>
    [JsonPropertyName("NeedTFA")]
    public bool NeedTfa { get; init; }
}
