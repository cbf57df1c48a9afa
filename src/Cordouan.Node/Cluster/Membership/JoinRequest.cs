namespace Cordouan.Node.Cluster.Membership;

/// <summary>
/// <c>POST /cluster/config/join</c>: join the cluster of the member at <see cref="Hostname"/> (ADDR[:PORT]), whose
/// certificate must have <see cref="Fingerprint"/>, authenticating as <see cref="Username"/> with a password or with an
/// API token (<c>user@realm!id=secret</c>).
/// </summary>
public sealed record JoinRequest(string Hostname, string Fingerprint, string Username, string? Password, string? Token, bool Force)
{
    public override string ToString() => $"JoinRequest {{ Hostname = {Hostname}, Fingerprint = {Fingerprint}, Username = {Username} }}";
}
