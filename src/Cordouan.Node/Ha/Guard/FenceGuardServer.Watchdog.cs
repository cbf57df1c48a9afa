using System.Diagnostics;
using Cordouan.Platform.Processes;

namespace Cordouan.Node.Ha.Guard;

/// <summary>
/// The last resort, for a host where killing does not work: with a watchdog device (<c>--watchdog /dev/watchdog</c>,
/// e.g. softdog) the guard feeds it every second, and stops, so that the host resets, only when an HA VM it killed
/// is still there <see cref="KillTimeout"/> later (stuck in the kernel, its disk writes maybe still in flight). If the
/// guard itself dies the device is left open without its magic close and resets the host too. Unlike Proxmox, a
/// lost lease alone never resets the host: killing the VMs is enough when it works. A deliberate stop (SIGTERM)
/// writes the magic close <c>V</c> first.
/// </summary>
public sealed partial class FenceGuardServer
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FeedInterval = TimeSpan.FromSeconds(1);
    private readonly List<(int VmId, ArmedVm Vm, long KilledAt)> _killed = [];
    private FileStream? _watchdog;
    private long _lastFeed;
    private bool _stuck;

    private void OpenWatchdog()
    {
        if (watchdogPath is null)
        {
            return;
        }
        // Opening the device arms it: from now on the host resets unless it is fed.
        _watchdog = new FileStream(watchdogPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        Log($"feeding the watchdog {watchdogPath} every {FeedInterval.TotalSeconds:0} s");
        FeedWatchdog();
    }

    private void FeedWatchdog()
    {
        if (_watchdog is null || _stuck || Stopwatch.GetElapsedTime(_lastFeed) < FeedInterval)
        {
            return;
        }
        try
        {
            // Any byte but 'V' is a keepalive.
            _watchdog.Write("."u8);
            _lastFeed = Stopwatch.GetTimestamp();
        }
        catch (IOException e)
        {
            Log($"could not feed the watchdog {watchdogPath}: {e.Message}");
        }
    }

    private void DisarmWatchdog()
    {
        if (_watchdog is null)
        {
            return;
        }
        try
        {
            _watchdog.Write("V"u8);
            Log($"watchdog {watchdogPath} disarmed (magic close)");
        }
        catch (IOException e)
        {
            Log($"could not disarm the watchdog {watchdogPath}: {e.Message}");
        }
        _watchdog.Dispose();
        _watchdog = null;
    }

    private void WatchKill(int vmid, ArmedVm vm) => _killed.Add((vmid, vm, Stopwatch.GetTimestamp()));

    /// <summary>A killed VM still there after <see cref="KillTimeout"/>: the watchdog is no longer fed.</summary>
    private void CheckKills()
    {
        _killed.RemoveAll(k => !ProcessStat.IsRunning(k.Vm.Pid, k.Vm.StartTicks));
        if (_stuck || !_killed.Any(k => Stopwatch.GetElapsedTime(k.KilledAt) >= KillTimeout))
        {
            return;
        }
        var stuck = _killed.First(k => Stopwatch.GetElapsedTime(k.KilledAt) >= KillTimeout);
        if (_watchdog is null)
        {
            Log($"VM {stuck.VmId} (pid {stuck.Vm.Pid}) survived SIGKILL for {KillTimeout.TotalSeconds:0} s and no watchdog is configured: it may still write");
            _killed.Remove(stuck);
            return;
        }
        _stuck = true;
        Log($"VM {stuck.VmId} (pid {stuck.Vm.Pid}) survived SIGKILL for {KillTimeout.TotalSeconds:0} s: no longer feeding the watchdog {watchdogPath}, the host resets");
    }

    /// <summary>Closes the device without the magic close (a stop that did not go through <see cref="RunAsync"/>'s end).</summary>
    public void Dispose() => _watchdog?.Dispose();
}
