using Cordouan.Core.Ids;

namespace Cordouan.Core.Cluster;

/// <summary>The one place that spells etcd keys (layout in docs/DESIGN §2).</summary>
public static class ClusterKeys
{
    public const string Root = "/cordouan/v1/";

    public static string Cluster => Root + "cluster";

    public static string NodesPrefix => Root + "nodes/";

    public static string Node(string node) => NodesPrefix + node;

    public static string NodeAlive(string node) => Root + "alive/" + node;

    public static string AlivePrefix => Root + "alive/";

    public static string LiveStatusPrefix => Root + "live/";

    /// <summary>
    /// A node's live status (its running VMs' state and usage, its own figures), rewritten every few seconds and bound to
    /// its liveness lease: it vanishes with the node.
    /// </summary>
    public static string LiveStatus(string node) => LiveStatusPrefix + node;

    public static string VmsPrefix => Root + "vms/";

    public static string Vm(VmId id) => VmsPrefix + id;

    public static string StoragePrefix => Root + "storage/";

    public static string Storage(string id) => StoragePrefix + id;

    public static string TasksPrefix => Root + "tasks/";

    public static string Task(string upid) => TasksPrefix + upid;

    public static string UsersPrefix => Root + "access/users/";

    public static string User(string userId) => UsersPrefix + userId;

    public static string TokensPrefix => Root + "access/tokens/";

    public static string Token(string userId, string tokenId) => TokensPrefix + userId + "!" + tokenId;

    public static string AclPrefix => Root + "access/acl/";

    public static string TicketKey => Root + "access/ticket-key";

    public static string ReservationsPrefix => Root + "vmid-reservations/";

    public static string Reservation(VmId id) => ReservationsPrefix + id;

    public static string LocksPrefix => Root + "locks/";

    public static string Lock(string name) => LocksPrefix + name;

    public static string HaResourcesPrefix => Root + "ha/resources/";

    /// <summary>An HA resource's configuration, by Proxmox sid (<c>vm:100</c>).</summary>
    public static string HaResource(string sid) => HaResourcesPrefix + sid;

    public static string HaGroupsPrefix => Root + "ha/groups/";

    public static string HaGroup(string name) => HaGroupsPrefix + name;

    /// <summary>The elected cluster resource manager (CRM): bound to its lease, so it vanishes with it.</summary>
    public static string HaManager => Root + "ha/manager";

    public static string HaServicesPrefix => Root + "ha/services/";

    /// <summary>An HA resource's runtime state (restarts, relocations, recovery), written by the managers.</summary>
    public static string HaService(string sid) => HaServicesPrefix + sid;

    public static string HaClaimsPrefix => Root + "ha/claims/";

    /// <summary>
    /// Bound to the liveness lease of the node that runs the HA resource: it vanishes with the lease, and recovery
    /// elsewhere requires it gone (the fencing handshake, see docs).
    /// </summary>
    public static string HaClaim(string sid) => HaClaimsPrefix + sid;

    /// <summary>A node's network configuration: <c>applied</c> (what the last apply set) and <c>staged</c> (pending changes).</summary>
    public static string NetworkPrefix(string node) => Root + "network/" + node + "/";

    public static string HaLrmPrefix => Root + "ha/lrm/";

    /// <summary>A node's local resource manager (LRM) status: its mode (active, idle, restart) and when.</summary>
    public static string HaLrm(string node) => HaLrmPrefix + node;

    /// <summary>The Ceph cluster's shared facts: fsid, networks, monitors and the keys other nodes need to join.</summary>
    public static string CephCluster => Root + "ceph/cluster";

    /// <summary>External metric servers (Proxmox's <c>status.cfg</c>): <c>metrics/servers/ID</c>.</summary>
    public static string MetricServersPrefix => Root + "metrics/servers/";

    /// <summary>A metric server's token, apart from its configuration (Proxmox's <c>priv/metricserver/ID.pw</c>): never listed by the API.</summary>
    public static string MetricServerToken(string id) => Root + "metrics/server-tokens/" + id;
}
