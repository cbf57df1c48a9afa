using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// The target end of live migration. <see cref="PrepareAsync"/> starts the VM's QEMU paused and waiting for the stream
/// (with empty disks exported over NBD when local disks are mirrored); the guest runs here only after the source moved
/// ownership in etcd, which is the commit point: <see cref="ResumeAsync"/> refuses before it. Until then
/// <see cref="AbortAsync"/> takes everything back. <see cref="CheckAsync"/> settles sessions whose source went silent,
/// from etcd alone: owner is this node → resume; lock gone or owner elsewhere → abort.
/// </summary>
public sealed partial class IncomingMigrations(
    VmRepository vms,
    LaunchSpecBuilder launchSpecs,
    IVmDriver driver,
    IVmMigrationDriver migration,
    VolumeReceiver volumes,
    ClusterView cluster,
    Network.TrafficNetworkService traffic,
    NodeIdentity node,
    TimeProvider time,
    ILogger<IncomingMigrations> logger)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<VmId, IncomingSession> _sessions = new();

    public IReadOnlyCollection<IncomingSession> Sessions => [.. _sessions.Values];

    public async Task<IncomingOffer> PrepareAsync(IncomingRequest request, CancellationToken cancellationToken)
    {
        var id = new VmId(request.VmId);
        var vm = await vms.FindAsync(id, cancellationToken) ?? throw new VmNotFoundException(id, request.Source);
        if (vm.Document.Owner != request.Source || vm.Document.Lock != VmMigrator.LockName)
        {
            throw new VmStateException($"VM {id} is not being migrated from node '{request.Source}' (owner '{vm.Document.Owner}', lock '{vm.Document.Lock ?? "none"}')");
        }
        var self = await cluster.GetNodeAsync(node.NodeName, cancellationToken) ?? throw new CordouanException($"node '{node.NodeName}' has no node document");
        if (MigrationTargets.Refusal(node.NodeName, request.Source, self, online: true) is { } refusal)
        {
            throw new VmStateException(refusal);
        }
        if (_sessions.ContainsKey(id) || await driver.GetAsync(id, cancellationToken) is not null)
        {
            throw new VmStateException($"VM {id} already has a QEMU process on node '{node.NodeName}'");
        }
        var started = time.GetTimestamp();
        var renames = request.Renames.ToDictionary(r => ParseVolume(r.From), r => ParseVolume(r.To));
        var document = MigrationVolumes.Remap(vm.Document, renames);
        // The node's migration network (its address there) first, then the daemon's --migration-address, then its address.
        var address = await traffic.ResolveLocalAsync(node.NodeName, "migration", cancellationToken) ?? self.MigrationAddress ?? self.Address;
        var created = new List<VolumeId>();
        await using var undo = new Reverter();
        foreach (var mirror in request.Mirrors)
        {
            var volume = ParseVolume(mirror.Volume);
            await volumes.CreateEmptyAsync(volume, mirror.SizeBytes, mirror.Format, cancellationToken);
            created.Add(volume);
            undo.Push(() => DeleteQuietlyAsync(volume));
        }
        var spec = await launchSpecs.BuildAsync(document, cancellationToken) with { StartPaused = true, Incoming = true };
        var launching = time.GetTimestamp();
        await driver.StartAsync(spec, cancellationToken);
        var launch = time.GetElapsedTime(launching);
        undo.Push(() => driver.StopAsync(id, StopTimeout, CancellationToken.None));
        int nbdPort = 0;
        if (request.Mirrors.Count > 0)
        {
            nbdPort = FreePort(address);
            await migration.ExportDrivesAsync(id, address, nbdPort, [.. request.Mirrors.Select(m => m.Drive)], cancellationToken);
        }
        var uri = string.Create(CultureInfo.InvariantCulture, $"tcp:{UriHost(address)}:{FreePort(address)}");
        await migration.ListenAsync(id, uri, cancellationToken);
        _sessions[id] = new IncomingSession(id, request.Source, created, time.GetUtcNow());
        undo.Commit();
        var ready = time.GetElapsedTime(started);
        LogPrepared(logger, id, request.Source, uri, ready.TotalMilliseconds, launch.TotalMilliseconds);
        return new IncomingOffer(uri, request.Mirrors.Count > 0 ? address : null, nbdPort);
    }

    /// <summary>Runs the guest here, once this node owns the VM and the whole state has arrived. Idempotent.</summary>
    public async Task ResumeAsync(VmId id, CancellationToken cancellationToken)
    {
        var vm = await vms.FindAsync(id, cancellationToken) ?? throw new VmNotFoundException(id, node.NodeName);
        if (vm.Document.Owner != node.NodeName)
        {
            throw new VmStateException($"VM {id} is owned by node '{vm.Document.Owner}', not '{node.NodeName}': not resuming it here");
        }
        var state = await migration.RunStateAsync(id, cancellationToken);
        if (state == "running")
        {
            _sessions.TryRemove(id, out _);
            return;
        }
        // "inmigrate": the source has sent everything but this QEMU may still be loading device state; QEMU's cont
        // then runs the guest the moment loading ends, which spares a polling delay in the guest's downtime.
        if (state is not ("paused" or "inmigrate"))
        {
            throw new VmStateException($"VM {id} on node '{node.NodeName}' is '{state}': the migration has not completed, not resuming it");
        }
        await migration.FinishIncomingAsync(id, cancellationToken);
        _sessions.TryRemove(id, out _);
        LogResumed(logger, id);
    }

    /// <summary>Stops the incoming QEMU and frees the mirror disks; never touches a VM this node owns.</summary>
    public async Task AbortAsync(VmId id, string reason, CancellationToken cancellationToken)
    {
        var vm = await vms.FindAsync(id, cancellationToken);
        if (vm?.Document.Owner == node.NodeName)
        {
            throw new VmStateException($"VM {id} is owned by node '{node.NodeName}': not stopping it");
        }
        _sessions.TryRemove(id, out var session);
        if (await driver.GetAsync(id, cancellationToken) is not null)
        {
            var state = await migration.RunStateAsync(id, cancellationToken);
            if (state is "running")
            {
                throw new VmStateException($"VM {id} runs on node '{node.NodeName}' although it is owned by '{vm?.Document.Owner}': not stopping a running guest");
            }
            await driver.StopAsync(id, StopTimeout, cancellationToken);
        }
        foreach (var volume in session?.Created ?? [])
        {
            await DeleteQuietlyAsync(volume);
        }
        LogAborted(logger, id, reason);
    }

    /// <summary>Adopts an incoming QEMU found after a restart, so that <see cref="CheckAsync"/> settles it; false if already known.</summary>
    internal bool Adopt(VmId id, string source, IReadOnlyList<VolumeId> local) =>
        _sessions.TryAdd(id, new IncomingSession(id, source, local, time.GetUtcNow(), Adopted: true));

    /// <summary>One pass over the sessions, settling those etcd has decided.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values)
        {
            var id = session.VmId;
            try
            {
                var vm = await vms.FindAsync(id, cancellationToken);
                if (vm?.Document.Owner == node.NodeName)
                {
                    if (await migration.RunStateAsync(id, cancellationToken) == "paused")
                    {
                        LogTakingOver(logger, id);
                        await ResumeAsync(id, cancellationToken);
                    }
                }
                else if (vm is null || vm.Document.Lock != VmMigrator.LockName || vm.Document.Owner != session.Source)
                {
                    await AbortAsync(id, "the source no longer migrates it", cancellationToken);
                }
                else if (await driver.GetAsync(id, cancellationToken) is null)
                {
                    await AbortAsync(id, "its QEMU exited (the incoming migration failed)", cancellationToken);
                }
            }
            catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
            {
                LogCheckFailed(logger, id, e.Message);
            }
        }
    }

    private async Task DeleteQuietlyAsync(VolumeId volume)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await volumes.DeleteAsync(volume, timeout.Token);
        }
        catch (Exception e) when (e is CordouanException or IOException or OperationCanceledException)
        {
            LogDeleteFailed(logger, volume.ToString(), e.Message);
        }
    }

    /// <summary>A port the kernel just handed out on <paramref name="address"/>; QEMU binds it right after.</summary>
    private static int FreePort(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static VolumeId ParseVolume(string text) =>
        VolumeId.TryParse(text, out var volume) ? volume : throw new ValidationException("volume", $"'{text}' is not a volume id");

    private static string UriHost(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}
