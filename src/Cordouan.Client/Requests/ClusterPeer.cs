namespace Cordouan.Client.Requests;

/// <summary>
/// Another daemon a cluster call reaches on the caller's behalf: the member to join through (<c>POST /cluster/config/join</c>)
/// or the witness to add (<c>POST /cluster/config/witness</c>). Exactly one of <see cref="Password"/> and <see cref="Token"/>.
/// </summary>
public sealed record ClusterPeer
{
    /// <summary>The peer's API address, <c>host[:port]</c>.</summary>
    public required string Hostname { get; init; }

    /// <summary>SHA-256 fingerprint of the peer's certificate, <c>AA:BB:…</c>.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The user whose <see cref="Password"/> is given (server default <c>admin@pve</c>); not sent with a token.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>A full API token, <c>user@realm!id=secret</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Keeps the password and token out of any accidental print.</summary>
    public override string ToString() => $"ClusterPeer {{ Hostname = {Hostname}, Username = {Username} }}";
}
