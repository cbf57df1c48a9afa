using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Live;

/// <summary>
/// Every <see cref="Interval"/>: samples the VMs this node runs (the driver's <see cref="IVmSampler"/>; the driver keeps
/// the figures for its own answers) and publishes them with the node's figures at <see cref="ClusterKeys.LiveStatus"/>,
/// bound to the node's liveness lease so the key vanishes with the node. Nothing is published without the lease (the
/// other nodes then show this node's VMs as unknown, never as stopped or running). Work per pass: one QMP round trip
/// pair per VM, a /proc read per VM, one etcd write.
/// </summary>
public sealed partial class LiveStatusPublisher(
    IVmDriver driver, IClusterStore store, NodeLeaseState lease, NodeIdentity identity, NodeStatusReader host, TimeProvider time, ILogger<LiveStatusPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (driver is not IVmSampler sampler)
        {
            LogNoSampler(logger, driver.GetType().Name);
            return;
        }
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await PublishAsync(await sampler.SampleAsync(stoppingToken), stoppingToken);
                }
                catch (Exception e) when (e is CordouanException or IOException)
                {
                    LogPublishFailed(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the key goes with the liveness lease.
        }
    }

    private async Task PublishAsync(IReadOnlyList<VmRuntimeInfo> running, CancellationToken cancellationToken)
    {
        if (lease.Current is not { } held)
        {
            return;
        }
        var document = Document(running, host.Read(), time.GetUtcNow());
        await store.PutAsync(ClusterKeys.LiveStatus(identity.NodeName), document.ToUtf8Bytes(), cancellationToken, held.Id);
    }

    /// <summary>The document for <paramref name="running"/> VMs and this host's <paramref name="status"/> at <paramref name="now"/>.</summary>
    public static NodeLiveDocument Document(IReadOnlyList<VmRuntimeInfo> running, HostStatus status, DateTimeOffset now)
    {
        var vms = new List<VmLiveEntry>(running.Count);
        foreach (var vm in running)
        {
            var figures = vm.Figures ?? new VmFigures(0, 0, 0, 0, 0, 0);
            vms.Add(new VmLiveEntry(
                vm.VmId.Value,
                vm.State,
                vm.Pid,
                (long)Math.Max(0, (now - vm.StartedAt).TotalSeconds),
                Math.Round(figures.CpuCores, 4),
                figures.Memory,
                figures.DiskRead,
                figures.DiskWrite,
                figures.NetIn,
                figures.NetOut));
        }
        var hostFigures = new NodeLiveFigures(
            status.UptimeSeconds,
            Math.Round(status.Cpu, 4),
            status.Cpus,
            status.MemoryTotal - status.MemoryAvailable,
            status.MemoryTotal,
            status.RootTotal - status.RootAvailable,
            status.RootTotal);
        return new NodeLiveDocument(NodeLiveDocument.CurrentVersion, hostFigures, vms);
    }

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "VM driver {Driver} samples no usage: this node publishes no live status")]
    private static partial void LogNoSampler(ILogger logger, string driver);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Warning, Message = "Cannot publish this node's live status: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string reason);
}
