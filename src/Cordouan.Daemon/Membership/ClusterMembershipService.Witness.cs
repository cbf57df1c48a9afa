using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Access.Tokens;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Node.Cluster.Membership;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// <c>cord cluster witness add|remove</c>: a witness is a small machine running <c>cordouand --witness</c> (an etcd
/// member and the API, no VMs) that gives a two-node cluster its third vote. Adding one asks it to join this cluster
/// with a short-lived API token of the calling user, deleted once the witness is in.
/// </summary>
public sealed partial class ClusterMembershipService
{
    private static readonly TimeSpan WitnessJoinTimeout = TimeSpan.FromSeconds(120);

    public async Task<Upid> AddWitnessAsync(WitnessRequest request, string callerUserId, string taskUser, CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        if (!status.Formed)
        {
            throw new ValidationException("hostname", "this node is not in a cluster yet: run `cord cluster create <name>` first");
        }
        if (status.Witness is { } existing)
        {
            throw new ValidationException("hostname", $"cluster '{status.Name}' already has a witness ({existing}); remove it first (cord cluster witness remove)");
        }
        if (!RemoteNodeClient.IsFingerprint(request.Fingerprint))
        {
            throw new ValidationException("fingerprint", "must be the SHA-256 fingerprint of the witness's certificate (32 hex pairs, AA:BB:…)");
        }
        var remote = new RemoteNodeClient(request.Hostname, request.Fingerprint);
        try
        {
            if (request.Token is not null)
            {
                remote.UseToken(request.Token);
            }
            else
            {
                await remote.LoginAsync(request.Username, request.Password ?? "", cancellationToken);
            }
            var witnessStatus = await remote.GetAsync("cluster/status", cancellationToken) as JsonArray;
            var self = witnessStatus?.FirstOrDefault(i => i?["type"]?.GetValue<string>() == "node" && i?["local"]?.GetValue<int>() == 1);
            if (self?["witness"]?.GetValue<int>() != 1)
            {
                throw new ValidationException("hostname", $"{request.Hostname} does not run as a witness: start cordouand there with --witness (a witness runs no VMs)");
            }
            var witnessName = self["name"]?.GetValue<string>() ?? "?";
            var tokenId = "witness-join-" + Guid.NewGuid().ToString("N")[..8];
            var joinToken = await apiTokens.CreateAsync(callerUserId, tokenId, new NewToken
            {
                Comment = $"lets witness {witnessName} join; deleted once it has",
                Expire = time.GetUtcNow().Add(WitnessJoinTimeout * 2).ToUnixTimeSeconds(),
                PrivilegeSeparation = false,
            }, cancellationToken);
            var witnessTask = await remote.PostAsync("cluster/config/join", new()
            {
                ["hostname"] = $"{options.EffectiveAddress}:{options.ListenEndpoint.Port.ToString(CultureInfo.InvariantCulture)}",
                ["fingerprint"] = identity.SslFingerprint ?? "",
                ["token"] = $"{joinToken.FullTokenId}={joinToken.Value}",
            }, cancellationToken);
            var owned = remote;
            remote = null;
            return await tasks.StartAsync("witnessadd", witnessName, taskUser, async ctx =>
            {
                using var _ = owned;
                try
                {
                    ctx.Log($"Witness {witnessName} at {request.Hostname} is joining cluster '{status.Name}' (its task: {witnessTask}).");
                    await WaitForWitnessAsync(witnessName, ctx.CancellationToken);
                    ctx.Log($"Witness {witnessName} votes in cluster '{status.Name}'.");
                }
                finally
                {
                    await apiTokens.DeleteAsync(callerUserId, tokenId, CancellationToken.None);
                }
            }, cancellationToken);
        }
        finally
        {
            remote?.Dispose();
        }
    }

    /// <summary>Removes the witness; like delnode, refused while it is online (stop it or run leave on it first).</summary>
    public async Task RemoveWitnessAsync(CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        var witness = status.Witness ?? throw new NotFoundException($"cluster '{status.Name}' has no witness");
        await DeleteNodeAsync(witness, force: false, learnerId: null, cancellationToken);
    }

    private async Task WaitForWitnessAsync(string witnessName, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < WitnessJoinTimeout)
        {
            var status = await cluster.GetStatusAsync(cancellationToken);
            if (status.Nodes.Any(n => n.Name == witnessName && n.Witness && n.Online))
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
        throw new CordouanException($"witness {witnessName} did not come online in the cluster within {WitnessJoinTimeout.TotalSeconds:0} s; see its task log and etcd.log");
    }
}
