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
/// died, hung, or lost its lease) it SIGKILLs them: the cluster may recover them elsewhere from then on. A clean stop
/// of the daemon sends "release" (the cluster freezes those VMs instead of recovering them).
/// </summary>
public sealed class FenceGuardServer(string socketPath, string logPath)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<int, ArmedVm> _armed = [];
    private readonly Lock _gate = new();
    private long _deadline = long.MaxValue;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(4);
        Log($"fence guard started (pid {Environment.ProcessId}), listening on {socketPath}");
        _ = EnforceAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(cancellationToken);
            _ = ServeAsync(client, cancellationToken);
        }
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
                case ["arm", var vm, var pidText] when int.TryParse(vm, CultureInfo.InvariantCulture, out var vmid) && int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid):
                    if (ProcessStat.TryRead(pid) is { IsRunning: true } process && (!_armed.TryGetValue(vmid, out var known) || known.Pid != pid))
                    {
                        _armed[vmid] = new ArmedVm(pid, process.StartTicks);
                        Log($"armed VM {vmid} (pid {pid})");
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
            List<(int VmId, ArmedVm Vm)> victims;
            lock (_gate)
            {
                if (_armed.Count == 0 || Stopwatch.GetTimestamp() < _deadline)
                {
                    continue;
                }
                victims = [.. _armed.Select(a => (a.Key, a.Value))];
                _armed.Clear();
            }
            Log($"lease deadline passed without renewal: killing {victims.Count} HA VM(s)");
            foreach (var (vmid, vm) in victims)
            {
                // Only the process we armed: a reused pid has another start time.
                if (ProcessStat.IsRunning(vm.Pid, vm.StartTicks))
                {
                    try
                    {
                        Process.GetProcessById(vm.Pid).Kill();
                        Log($"killed VM {vmid} (pid {vm.Pid})");
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

    private sealed record ArmedVm(int Pid, long StartTicks);
}
