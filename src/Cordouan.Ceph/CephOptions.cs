namespace Cordouan.Ceph;

/// <summary>Where this node keeps its Ceph files and who it is.</summary>
public sealed record CephOptions
{
    public required string NodeName { get; init; }

    /// <summary>Daemon data, ceph.conf and keyrings (<c>DATA/ceph</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Pidfiles and admin sockets; must survive a cordouand restart (daemons are re-adopted through it).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Directory of the Ceph binaries.</summary>
    public string BinaryDirectory { get; init; } = "/usr/bin";

    /// <summary>
    /// Resolved (never <see cref="CephServiceManager.Auto"/>): with systemd the daemons run under Ceph's own units in
    /// Ceph's standard layout, and <see cref="DataDirectory"/> / <see cref="RunDirectory"/> are not used for Ceph.
    /// </summary>
    public CephServiceManager ServiceManager { get; init; } = CephServiceManager.Cordouand;

    /// <summary>Bound on every <c>ceph</c> CLI call's connection to the monitors.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
