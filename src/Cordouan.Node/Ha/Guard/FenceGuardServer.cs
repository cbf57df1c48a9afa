using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cordouan.Platform.Processes;

namespace Cordouan.Node.Ha.Guard;

/// <summary>
/// The fence guard: a small process (<c>cordouand fence-guard</c>) that outlives the daemon, like Proxmox's
/// watchdog-mux. The daemon tells it which HA VM processes run here ("arm") and, several times a second, until when
/// its lease is valid ("deadline", a CLOCK_MONOTONIC timestamp). Once that deadline passes with VMs armed (the daemon
/// died, hung, or lost its lease) it SIGKILLs them: the cluster may recover them elsewhere from then on. VMs armed
/// "storage" are storage-fenced (the cluster cuts their disk clients off before recovering them): a lost lease is no
/// reason to kill them, only that and the daemon falling silent ("alive" deadline passed too) is. A clean stop of the daemon sends
/// "release" (the cluster freezes those VMs instead of recovering them).
/// </summary>
public sealed partial class FenceGuardServer(string socketPath, string logPath, string? watchdogPath = null) : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<int, ArmedVm> _armed = [];
    private readonly Lock _gate = new();
    private long _deadline = long.MaxValue;
    private long _alive = long.MaxValue;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(4);
        Log($"fence guard started (pid {Environment.ProcessId}), listening on {socketPath}");
        OpenWatchdog();
        var enforcing = EnforceAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(cancellationToken);
                _ = ServeAsync(client, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await enforcing;
        // A deliberate stop: the watchdog must not reset the host for it.
        DisarmWatchdog();
        Log("fence guard stopped");
        return 0;
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        using (var reader = new StreamReader(new NetworkStream(client, ownsSocket: false), Encoding.ASCII))
        {
            Log("daemon connected");
            try
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    Apply(line);
                }
            }
            catch (IOException)
            {
            }
            Log("daemon disconnected: the last deadline stands");
        }
    }

    private void Apply(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        lock (_gate)
        {
            switch (parts)
            {
                case ["deadline", var ticks] when long.TryParse(ticks, CultureInfo.InvariantCulture, out var deadline):
                    _deadline = deadline;
                    break;
                case ["alive", var ticks] when long.TryParse(ticks, CultureInfo.InvariantCulture, out var alive):
                    _alive = alive;
                    break;
                case ["arm", var vm, var pidText, .. var kind] when int.TryParse(vm, CultureInfo.InvariantCulture, out var vmid) && int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid):
                    var storage = kind is ["storage"];
                    if (ProcessStat.TryRead(pid) is { IsRunning: true } process && (!_armed.TryGetValue(vmid, out var known) || known.Pid != pid || known.StorageFenced != storage))
                    {
                        _armed[vmid] = new ArmedVm(pid, process.StartTicks, storage);
                        Log($"armed VM {vmid} (pid {pid}{(storage ? ", storage-fenced" : "")})");
                    }
                    break;
                case ["disarm", var vm] when int.TryParse(vm, CultureInfo.InvariantCulture, out var vmid):
                    if (_armed.Remove(vmid))
                    {
                        Log($"disarmed VM {vmid}");
                    }
                    break;
                case ["release"]:
                    Log($"released by a clean daemon stop: {_armed.Count} VM(s) no longer guarded");
                    _armed.Clear();
                    _deadline = long.MaxValue;
                    _alive = long.MaxValue;
                    break;
                default:
                    Log($"ignored line '{line}'");
                    break;
            }
        }
    }

    private async Task EnforceAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Tick, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            CheckKills();
            FeedWatchdog();
            List<(int VmId, ArmedVm Vm)> victims;
            string why;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                // A storage-fenced VM outlives a lost lease while the daemon that watches the blocklist for it still talks.
                victims = [.. _armed.Where(a => now >= _deadline && (!a.Value.StorageFenced || now >= _alive)).Select(a => (a.Key, a.Value))];
                if (victims.Count == 0)
                {
                    continue;
                }
                foreach (var (vmid, _) in victims)
                {
                    _armed.Remove(vmid);
                }
                why = now >= _alive ? "the daemon fell silent" : "lease deadline passed without renewal";
            }
            Log($"{why}: killing {victims.Count} HA VM(s)");
            foreach (var (vmid, vm) in victims)
            {
                // Only the process we armed: a reused pid has another start time.
                if (ProcessStat.IsRunning(vm.Pid, vm.StartTicks))
                {
                    try
                    {
                        Process.GetProcessById(vm.Pid).Kill();
                        Log($"killed VM {vmid} (pid {vm.Pid})");
                        WatchKill(vmid, vm);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        Log($"VM {vmid} (pid {vm.Pid}) already gone: {e.Message}");
                    }
                }
            }
        }
    }

    private void Log(string message)
    {
        try
        {
            File.AppendAllText(logPath, $"{DateTimeOffset.UtcNow:O} {message}\n");
        }
        catch (IOException)
        {
            // A full disk must not stop the guard from fencing.
        }
    }

    private sealed record ArmedVm(int Pid, long StartTicks, bool StorageFenced);
}
