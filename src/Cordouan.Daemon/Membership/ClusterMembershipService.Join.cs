using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Node.Cluster.Membership;

namespace Cordouan.Daemon.Membership;

public sealed partial class ClusterMembershipService
{
    /// <summary>Clocks further apart than this break leases and tickets; a join is refused until NTP fixes them.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// New-node side of a join. Everything that can fail on bad input (this node not empty, wrong fingerprint,
    /// password or address, clock skew, name in use) fails here, before anything changes. Then the member adds this
    /// node's etcd learner, and the services restart over the cluster's etcd (<see cref="JoinTransition"/>); the
    /// returned task finishes in the new services, or reports the rollback.
    /// </summary>
    public async Task<Upid> JoinAsync(JoinRequest request, string user, CancellationToken cancellationToken)
    {
        RequireLocalMember();
        if (!RemoteNodeClient.IsFingerprint(request.Fingerprint))
        {
            throw new ValidationException("fingerprint", "must be the SHA-256 fingerprint of the member's certificate (32 hex pairs, AA:BB:…)");
        }
        if (request.Password is null == request.Token is null)
        {
            throw new ValidationException("password", "give either the password of the cluster's administrator or an API token");
        }
        await EnsureEmptyAsync(cancellationToken);

        var remote = new RemoteNodeClient(request.Hostname, request.Fingerprint);
        try
        {
            if (request.Token is not null)
            {
                remote.UseToken(request.Token);
            }
            else
            {
                await remote.LoginAsync(request.Username, request.Password!, cancellationToken);
            }
            var info = await remote.GetAsync("cluster/config/join", cancellationToken);
            CheckClockSkew(remote);
            var clusterName = info?["totem"]?["cluster_name"]?.GetValue<string>() ?? "?";
            if (info?["nodelist"] is System.Text.Json.Nodes.JsonArray list && list.Any(n => n?["name"]?.GetValue<string>() == identity.NodeName))
            {
                throw new ValidationException("node", $"node name '{identity.NodeName}' is already used in cluster '{clusterName}'; start this node with another --node-name, or run `cord cluster delnode {identity.NodeName}` in the cluster if that node was reinstalled");
            }
            // This node's key stays here: the member signs a request for it with the cluster CA.
            using var key = Certificates.NodeCertificateIssuer.NewKey();
            var csr = Certificates.NodeCertificateIssuer.CreateSigningRequestPem(
                key, identity.NodeName, Certificates.NodeCertificates.IpAddresses(DaemonHost.CertificateAddresses(options)));
            var added = await remote.PostAsync($"cluster/config/nodes/{identity.NodeName}", new()
            {
                ["link0"] = options.EtcdPeerUrl,
                ["address"] = options.EffectiveAddress,
                ["apiport"] = options.ListenEndpoint.Port.ToString(CultureInfo.InvariantCulture),
                ["witness"] = options.Witness ? "1" : "0",
                ["csr"] = csr,
            }, cancellationToken);
            var keyPem = key.ExportPkcs8PrivateKeyPem();
            var result = ParseAddNode(added, remote.Hostname, keyPem);
            var upid = tasks.NewUpid("clusterjoin", result.ClusterName, user);
            tasks.AppendLog(upid, $"Joining cluster '{result.ClusterName}' through {remote.Hostname} as node {identity.NodeName} (node id {result.NodeId}).");
            tasks.AppendLog(upid, $"etcd learner {result.MemberId.ToString("x16", CultureInfo.InvariantCulture)} added; initial cluster {result.InitialCluster}.");
            tasks.AppendLog(upid, "Restarting this node's services over the cluster's etcd; the API is unavailable for a few seconds.");
            var transition = new JoinTransition(options.DataDirectory, identity.NodeName, result, keyPem, remote, upid, time, logger);
            if (!transitions.Request(transition, lifetime))
            {
                throw MembershipChangeInProgress();
            }
            remote = null; // Owned by the transition now (it removes the learner again if the join fails).
            return upid;
        }
        finally
        {
            remote?.Dispose();
        }
    }

    /// <summary>A joining node takes over the cluster's state, so it must have nothing of its own to lose.</summary>
    private async Task EnsureEmptyAsync(CancellationToken cancellationToken)
    {
        var members = await etcd.ListMembersAsync(cancellationToken);
        var nodes = await cluster.ListNodesAsync(cancellationToken);
        var (_, document) = await ReadClusterAsync(cancellationToken);
        if (members.Count > 1 || nodes.Count > 1 || document.Formed)
        {
            throw new ValidationException("hostname", $"this node already belongs to cluster '{document.Name}' (nodes: {string.Join(", ", nodes.Select(n => n.Name))}); run `cord cluster leave` on it first");
        }
        var owned = (await vms.ListAsync(cancellationToken)).Select(v => v.Document.VmId).Order().ToList();
        if (owned.Count > 0)
        {
            throw new ValidationException("node", $"this node has {owned.Count} VM(s) ({string.Join(", ", owned.Take(10))}): a joining node takes over the cluster's configuration, so it must be empty; back up and delete them first");
        }
    }

    private void CheckClockSkew(RemoteNodeClient remote)
    {
        if (remote.LastServerDate is not { } remoteNow)
        {
            return;
        }
        var skew = time.GetUtcNow() - remoteNow;
        // The Date header has a one-second resolution.
        if (skew.Duration() > MaxClockSkew + TimeSpan.FromSeconds(1))
        {
            throw new ValidationException("hostname", $"this node's clock is {skew.TotalSeconds:+0;-0} s off {remote.Hostname}'s (more than {MaxClockSkew.TotalSeconds:0} s): synchronise the clocks (NTP) on both nodes, then retry");
        }
    }

    private static AddNodeResult ParseAddNode(System.Text.Json.Nodes.JsonNode? data, string hostname, string keyPem)
    {
        string Required(string key) => data?[key]?.ToString() is { Length: > 0 } value
            ? value
            : throw new CordouanException($"{hostname} answered the join without '{key}'; is it a Cordouan node of the same version?");
        var result = new AddNodeResult(
            Required("cluster_name"),
            int.Parse(Required("nodeid"), CultureInfo.InvariantCulture),
            ulong.Parse(Required("member_id"), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            Required("initial_cluster"),
            Required("ca_cert"),
            Required("certificate"));
        CheckIssued(result, keyPem, hostname);
        return result;
    }

    /// <summary>The certificate must be for this node's key and chain to the CA that came with it.</summary>
    private static void CheckIssued(AddNodeResult result, string keyPem, string hostname)
    {
        try
        {
            using var issued = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(result.CertificatePem, keyPem);
            using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(result.CaCertificatePem);
            using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            if (!chain.Build(issued))
            {
                throw new CordouanException($"{hostname} answered the join with a certificate that does not chain to the cluster CA it sent");
            }
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CordouanException($"{hostname} answered the join with a certificate that is not for this node's key: {e.Message}", e);
        }
    }
}
