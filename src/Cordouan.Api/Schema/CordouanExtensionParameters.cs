using System.Collections.Frozen;

namespace Cordouan.Api.Schema;

/// <summary>
/// Parameters Cordouan's handlers accept on Proxmox methods although Proxmox's schema does not declare them; without this
/// list the schema check would refuse them as unknown. Keep it short and say why for each.
/// </summary>
public static class CordouanExtensionParameters
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> ByMethod = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        // NAT and DHCP on a bridge: Cordouan configures them itself (Proxmox leaves that to SDN or the admin).
        ["POST /nodes/{node}/network"] = Set("cordouan-nat", "cordouan-nat-uplink", "cordouan-dhcp-range"),
        ["PUT /nodes/{node}/network/{iface}"] = Set("cordouan-nat", "cordouan-nat-uplink", "cordouan-dhcp-range"),
        // Which network carries each kind of traffic (cordouan-net-management, cordouan-net-cluster, …).
        ["PUT /nodes/{node}/config"] = Set([.. Node.Network.TrafficNetworks.Kinds.Select(k => "cordouan-net-" + k)]),
        // Live migration tuning (QEMU's migration capabilities); Proxmox sets them from datacenter.cfg instead.
        ["POST /nodes/{node}/qemu/{vmid}/migrate"] = Set("migration_downtime", "autoconverge", "postcopy"),
        // Adding a node over etcd: its API address and port (address: what a joining cordouand sends, new_node_ip's
        // older name), whether it is a vote-only witness, and its certificate signing request.
        ["POST /cluster/config/nodes/{node}"] = Set("address", "apiport", "witness", "csr"),
        // Joining: the peer's administrator (username, default admin@pve) and, instead of its password, an API token of it.
        ["POST /cluster/config/join"] = Set("username", "token"),
        // Removing a node that is still an etcd learner (its member id, hex), or one that does not answer any more.
        ["DELETE /cluster/config/nodes/{node}"] = Set("learner", "force"),
        // Ceph: the CRUSH failure domain of a new cluster (one-node labs use osd), and wiping a disk before an OSD.
        ["POST /nodes/{node}/ceph/init"] = Set("failure-domain"),
        ["POST /nodes/{node}/ceph/osd"] = Set("zap"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Required Proxmox parameters a Cordouan extension may replace: "method" → (required, the extension standing in for it).
    private static readonly FrozenDictionary<string, (string Required, string Instead)> StandIns = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        // A join may authenticate to the peer with an API token rather than a password (the handler requires one of the two).
        ["POST /cluster/config/join"] = ("password", "token"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>True when <paramref name="required"/> may be missing because its Cordouan stand-in is present.</summary>
    public static bool StandsInFor(ApiMethod method, string required, Http.PveParameters parameters) =>
        StandIns.TryGetValue($"{method.HttpMethod} {method.PathTemplate}", out var standIn)
        && standIn.Required == required && parameters.Has(standIn.Instead);

    /// <summary>The extension parameters of one method (empty for most).</summary>
    public static IReadOnlySet<string> For(ApiMethod method) =>
        ByMethod.TryGetValue($"{method.HttpMethod} {method.PathTemplate}", out var names) ? names : FrozenSet<string>.Empty;

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
