namespace Cordouan.Storage.Rbd;

/// <summary>Where the rbd storage keeps the client files of external clusters, and how long a call may wait for the monitors.</summary>
public sealed record RbdStorageOptions
{
    /// <summary>ceph.conf and keyring (0600) per external-cluster storage: <c>&lt;storage&gt;.conf</c>, <c>&lt;storage&gt;.keyring</c>.</summary>
    public required string ConfigDirectory { get; init; }

    public string RbdBinary { get; init; } = "rbd";

    public string CephBinary { get; init; } = "ceph";

    /// <summary>Bound on reaching the monitors, so a storage whose cluster is down fails fast instead of hanging.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
