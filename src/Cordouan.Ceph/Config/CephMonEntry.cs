namespace Cordouan.Ceph.Config;

/// <summary>A monitor as the cluster facts list it: its name, node, and messenger v2 / v1 endpoints.</summary>
public sealed record CephMonEntry
{
    public required string Name { get; init; }
    public required string Node { get; init; }
    public required string Ip { get; init; }
    public int V2Port { get; init; } = 3300;
    public int V1Port { get; init; } = 6789;

    private string Host => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]" : Ip;

    /// <summary><c>[v2:IP:3300,v1:IP:6789]</c>, the form of <c>mon_host</c> and <c>monmaptool --addv</c>.</summary>
    public string AddressVector => $"[v2:{Host}:{V2Port},v1:{Host}:{V1Port}]";
}
