using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Cluster.Membership;

namespace Cordouan.Daemon.Membership;

public sealed partial class ClusterMembershipService
{
    /// <summary>
    /// Member side of a join: checks the name and address are free, adds the new node's etcd member as a learner
    /// (promoted in the background once it has caught up, removed if it never does) and signs the node's certificate
    /// request with the cluster CA. The answer holds certificates only: the CA key never leaves the cluster's members.
    /// </summary>
    public async Task<AddNodeResult> AddNodeAsync(AddNodeRequest request, CancellationToken cancellationToken)
    {
        RequireLocalMember();
        if (!NodeName.IsValid(request.Name))
        {
            throw new ValidationException("node", $"'{request.Name}' is not a valid node name (letters, digits and '-')");
        }
        if (!Uri.TryCreate(request.ClusterUrl, UriKind.Absolute, out var peer) || peer.Scheme is not ("http" or "https"))
        {
            throw new ValidationException("link0", $"'{request.ClusterUrl}' is not an etcd peer URL (http://ADDR:PORT)");
        }
        var certificatePaths = Certificates.CertificatePaths.In(options.DataDirectory);
        // Signed before anything changes, so a bad request is refused without a learner to clean up.
        string certificatePem;
        using (var authority = await Certificates.ClusterCaKey.LoadAuthorityAsync(store, certificatePaths, cancellationToken))
        using (var issued = Certificates.NodeCertificateIssuer.SignRequest(authority, request.CertificateRequestPem, request.Name))
        {
            certificatePem = issued.ExportCertificatePem();
        }
        var (_, document) = await ReadClusterAsync(cancellationToken);
        if (!document.Formed)
        {
            throw new ValidationException("hostname", $"node '{identity.NodeName}' is a standalone node, not a cluster: run `cord cluster create <name>` on it first");
        }
        var nodes = await cluster.ListNodesAsync(cancellationToken);
        if (nodes.Any(n => n.Name == request.Name))
        {
            throw new ValidationException("node", $"node name '{request.Name}' is already used in cluster '{document.Name}'; choose another name, or if that node was reinstalled run `cord cluster delnode {request.Name}` first");
        }
        if (request.Witness && nodes.FirstOrDefault(n => n.IsWitness) is { } witness)
        {
            throw new ValidationException("node", $"cluster '{document.Name}' already has a witness ({witness.Name}); remove it first (cord cluster witness remove)");
        }
        var members = await etcd.ListMembersAsync(cancellationToken);
        var trimmed = request.ClusterUrl.TrimEnd('/');
        if (members.FirstOrDefault(m => m.PeerUrls.Any(u => u.TrimEnd('/') == trimmed)) is { } clash)
        {
            throw new ValidationException("link0", $"etcd peer URL {request.ClusterUrl} is already used by member '{clash.Name}' ({clash.HexId}); give the new node its own cluster address");
        }
        if (members.FirstOrDefault(m => m.IsLearner && m.Name.Length == 0) is { } pending)
        {
            throw new CordouanException($"another node is joining right now (etcd learner {pending.HexId} at {string.Join(",", pending.PeerUrls)}); retry in a minute");
        }
        var (added, after) = await AddLearnerAsync(request.ClusterUrl, cancellationToken);
        LogLearnerAdded(logger, request.Name, added.HexId, request.ClusterUrl);
        promoter.Watch(added.Id, request.Name);
        // etcd checks that --initial-cluster lists exactly the current members: members that never started have no
        // name yet, so they get a placeholder (only the URLs are compared for them).
        var initialCluster = string.Join(',', after.Select(m =>
            $"{(m.Id == added.Id ? request.Name : m.Name.Length > 0 ? m.Name : "pending-" + m.HexId)}={m.PeerUrls[0]}"));
        var nodeId = nodes.Count == 0 ? 1 : nodes.Max(n => n.NodeId) + 1;
        return new AddNodeResult(
            document.Name, nodeId, added.Id, initialCluster,
            await File.ReadAllTextAsync(certificatePaths.CaCertificate, cancellationToken),
            certificatePem);
    }

    /// <summary>Adds the learner, or finds it added when etcd's answer was lost.</summary>
    private Task<(EtcdMemberInfo Added, IReadOnlyList<EtcdMemberInfo> Members)> AddLearnerAsync(string peerUrl, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(
            ct => etcd.AddLearnerAsync(peerUrl, ct),
            members => members.FirstOrDefault(m => m.PeerUrls.Any(u => u.TrimEnd('/') == peerUrl.TrimEnd('/'))) is { } added
                ? (true, (added, members))
                : (false, default),
            cancellationToken);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1101, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Node {Node} joins: etcd learner {MemberId} added at {PeerUrl}")]
    private static partial void LogLearnerAdded(Microsoft.Extensions.Logging.ILogger logger, string node, string memberId, string peerUrl);
}
