using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Daemon.Configuration;
using Cordouan.Node;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Startup;

/// <summary>
/// Runs once before the API serves: waits for etcd, records the cluster and this node, adds the default <c>local</c>
/// storage, and re-attaches to every VM still running from before a restart.
/// </summary>
public sealed partial class ClusterBootstrap(
    IClusterStore store,
    StorageRegistry storages,
    IVmDriver driver,
    NodeIdentity identity,
    DaemonOptions options,
    Membership.NodeMembership membership,
    TimeProvider time,
    ILogger<ClusterBootstrap> logger) : IHostedService
{
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WaitForStoreAsync(cancellationToken);
        var cluster = new ClusterDocument { Name = identity.ClusterName, Id = Guid.NewGuid().ToString(), Created = time.GetUtcNow().ToUnixTimeSeconds() };
        await WhileNotQuorateAsync(ct => store.CompareAndPutAsync(ClusterKeys.Cluster, 0, JsonSerializer.SerializeToUtf8Bytes(cluster, StateJsonContext.Default.ClusterDocument), ct), cancellationToken);
        await WhileNotQuorateAsync(RecordNodeAsync, cancellationToken);
        await WhileNotQuorateAsync(ShareCaKeyAsync, cancellationToken);
        await WhileNotQuorateAsync(EnsureLocalStorageAsync, cancellationToken);
        foreach (var vm in await driver.RecoverAsync(cancellationToken))
        {
            LogRecovered(logger, vm.VmId.Value, vm.Pid);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Writes this node's document with its current addresses, keeping what operators set (maintenance). A
    /// compare-and-swap, so a maintenance flag changed meanwhile is never overwritten with the old value.
    /// </summary>
    private async Task RecordNodeAsync(CancellationToken cancellationToken)
    {
        var key = ClusterKeys.Node(identity.NodeName);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync(key, cancellationToken);
            var previous = existing is null ? null : JsonSerializer.Deserialize(existing.Value, StateJsonContext.Default.NodeDocument);
            var node = new NodeDocument
            {
                Name = identity.NodeName,
                Address = options.EffectiveAddress,
                ApiPort = options.ListenEndpoint.Port,
                ClusterUrl = options.EtcdEndpoints.Count == 0 ? options.EtcdPeerUrl : null,
                MigrationAddress = options.MigrationAddress,
                NodeId = membership.NodeId,
                Roles = [options.Witness ? NodeDocument.WitnessRole : NodeDocument.HypervisorRole],
                SslFingerprint = identity.SslFingerprint,
                Maintenance = previous?.Maintenance ?? false,
            };
            var value = JsonSerializer.SerializeToUtf8Bytes(node, StateJsonContext.Default.NodeDocument);
            if ((await store.CompareAndPutAsync(key, existing?.ModRevision ?? 0, value, cancellationToken)).Succeeded)
            {
                return;
            }
            if (attempt == 10)
            {
                throw new CordouanException($"Failed to record node '{identity.NodeName}' in the cluster: its document kept changing under 10 attempts; restart cordouand");
            }
        }
    }

    /// <summary>
    /// Runs a startup write, again while etcd answers "not quorate" (a member that is slow to answer right after its own
    /// start, or on a loaded host, reads that way for a moment), up to the same <see cref="StoreWait"/>.
    /// </summary>
    private async Task WhileNotQuorateAsync(Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + StoreWait;
        while (true)
        {
            try
            {
                await step(cancellationToken);
                return;
            }
            catch (QuorumLostException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            }
        }
    }

    private async Task WaitForStoreAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StoreWait);
        QuorumLostException? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                await store.GetAsync(ClusterKeys.Cluster, deadline.Token);
                return;
            }
            catch (QuorumLostException e)
            {
                last = e;
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new CordouanException(
            $"Failed to start cordouand: the cluster store (etcd) did not answer within {StoreWait.TotalSeconds:0} s ({last?.Message}). " +
            $"Check that etcd runs (embedded member log: {Path.Combine(options.DataDirectory, "etcd.log")}) or fix --etcd-endpoints.", last);
    }

    /// <summary>Any member must be able to sign a joining node's certificate: the CA key is in etcd and on every member.</summary>
    private async Task ShareCaKeyAsync(CancellationToken cancellationToken)
    {
        if (await Certificates.ClusterCaKey.SyncAsync(store, Certificates.CertificatePaths.In(options.DataDirectory), cancellationToken) is { } done)
        {
            LogCaKeyShared(logger, done);
        }
    }

    private async Task EnsureLocalStorageAsync(CancellationToken cancellationToken)
    {
        var local = new StorageDefinition
        {
            Id = StorageRegistry.LocalStorageId,
            Type = "dir",
            Path = storages.LocalStoragePath,
            Content = ["images", "iso", "import", "snippets"],
            Format = "qcow2",
        };
        if (await storages.TryAddAsync(local, cancellationToken))
        {
            LogStorageCreated(logger, local.Id, local.Path!);
        }
        foreach (var storage in await storages.ListAsync(cancellationToken))
        {
            if (storage.Type == "dir" && (storage.Nodes.Count == 0 || storage.Nodes.Contains(identity.NodeName)))
            {
                await storages.PluginFor(storage).ActivateAsync(storage, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Re-attached to running VM {VmId} (pid {Pid})")]
    private static partial void LogRecovered(ILogger logger, int vmId, int pid);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Cluster CA: {What}")]
    private static partial void LogCaKeyShared(ILogger logger, string what);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Created storage '{Storage}' at {Path}")]
    private static partial void LogStorageCreated(ILogger logger, string storage, string path);
}
