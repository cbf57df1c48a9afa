namespace Cordouan.Cluster.Etcd;

/// <summary>A member of the etcd cluster: its id, name (empty until it first started) and peer URLs.</summary>
public sealed record EtcdMemberInfo(ulong Id, string Name, IReadOnlyList<string> PeerUrls, IReadOnlyList<string> ClientUrls, bool IsLearner)
{
    /// <summary>The id as etcdctl prints it (16 hex digits).</summary>
    public string HexId => Id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
