namespace Cordouan.Node.Cluster.Membership;

/// <summary>Where the witness runs (ADDR[:PORT], its certificate's fingerprint) and how to log in to it.</summary>
public sealed record WitnessRequest(string Hostname, string Fingerprint, string Username, string? Password, string? Token)
{
    public override string ToString() => $"WitnessRequest {{ Hostname = {Hostname}, Fingerprint = {Fingerprint}, Username = {Username} }}";
}
