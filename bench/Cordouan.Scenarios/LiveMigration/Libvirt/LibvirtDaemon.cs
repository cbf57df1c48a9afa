using System.Diagnostics;
using System.Globalization;
using Cordouan.Platform.Processes;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.LiveMigration.Libvirt;

/// <summary>
/// One libvirtd (with its virtlogd) on a lab host: a holder process (<c>sleep infinity</c>) in the host's network
/// namespace and a private mount namespace, where the bench's own directories are bind-mounted over
/// <c>/run/libvirt</c>, <c>/var/lib/libvirt</c>, <c>/var/log/libvirt</c>, <c>/etc/libvirt</c> and
/// <c>/var/cache/libvirt</c>, so two daemons on one machine share no socket, pidfile, state, configuration or cache and
/// leave nothing in the host's directories (only the empty mount points); the daemons are started inside it with
/// <c>nsenter</c> and listen on TCP at the host's address. Readiness is <c>virsh version</c>, which also makes
/// libvirtd probe QEMU's capabilities before anything is timed. Disposal kills every process of that mount namespace
/// (daemons, QEMU, holder), which removes the namespace and its mounts.
/// </summary>
public sealed class LibvirtDaemon : IAsyncDisposable
{
    public const string Libvirtd = "libvirtd";
    public const string Virtlogd = "virtlogd";
    public const string Virsh = "virsh";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Directory in the bench's scratch space → where the daemons see it.</summary>
    private static readonly (string Local, string Inside)[] Mounts =
        [("run", "/run/libvirt"), ("lib", "/var/lib/libvirt"), ("log", "/var/log/libvirt"), ("etc", "/etc/libvirt"), ("cache", "/var/cache/libvirt")];

    private readonly ProcessRunner _runner = new();
    private readonly Process _holder;
    private readonly string _mountNamespace;

    private LibvirtDaemon(LabHost host, string directory, Process holder, string mountNamespace)
    {
        Host = host;
        Directory = directory;
        _holder = holder;
        _mountNamespace = mountNamespace;
    }

    public LabHost Host { get; }

    /// <summary>The bench's directory for this daemon (run, lib, log, etc), deleted with the scratch space.</summary>
    public string Directory { get; }

    public string Uri => $"qemu+tcp://{Host.Address}/system";

    /// <summary>Where the bench process finds a path the daemons see as <paramref name="inside"/> (one of the mounted directories).</summary>
    public string LocalPath(string inside)
    {
        foreach (var (local, mounted) in Mounts)
        {
            if (inside.StartsWith(mounted + "/", StringComparison.Ordinal))
            {
                return Path.Combine(Directory, local, inside[(mounted.Length + 1)..]);
            }
        }
        throw new ArgumentException($"{inside} is not under a directory private to the bench's libvirtd", nameof(inside));
    }

    /// <summary>Sets up the namespace in <paramref name="directory"/>, starts virtlogd and libvirtd, and waits until libvirtd answers on TCP.</summary>
    public static async Task<LibvirtDaemon> StartAsync(LabHost host, string directory, CancellationToken cancellationToken)
    {
        foreach (var (local, _) in Mounts)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, local));
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "etc", "libvirtd.conf"), LibvirtConfig.Daemon(host.Address), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "etc", "qemu.conf"), LibvirtConfig.Qemu(host.Address), cancellationToken);
        var holder = StartHolder(host);
        LibvirtDaemon? daemon = null;
        try
        {
            daemon = new LibvirtDaemon(host, directory, holder, await MountNamespaceOnceUnsharedAsync(holder, cancellationToken));
            await daemon.StartDaemonsAsync(cancellationToken);
            return daemon;
        }
        catch
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync();
            }
            else
            {
                holder.Kill();
                holder.Dispose();
            }
            throw;
        }
    }

    /// <summary>Runs <c>virsh -c &lt;this daemon&gt; args…</c> and throws (with virsh's message) on failure.</summary>
    public Task<ProcessResult> VirshAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync([Virsh, "-c", Uri, .. args], cancellationToken);

    /// <summary>The last lines of libvirtd's log, for error messages.</summary>
    public string LogTail()
    {
        var log = Path.Combine(Directory, "log", "libvirtd.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).Where(l => l.Contains(" error : ", StringComparison.Ordinal)).TakeLast(3)) : "(no libvirtd.log)";
    }

    /// <summary>SIGKILLs every process in the daemon's mount namespace (libvirtd, virtlogd, QEMU, holder) and waits, bounded, until they are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        var start = Stopwatch.GetTimestamp();
        while (ProcessesInNamespace().ToList() is { Count: > 0 } left)
        {
            if (Stopwatch.GetElapsedTime(start) > ExitTimeout)
            {
                throw new TimeoutException($"libvirt processes {string.Join(", ", left)} on {Host.Name} survived SIGKILL for {ExitTimeout.TotalSeconds:0} s");
            }
            foreach (var pid in left)
            {
                Kill(pid);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
        _holder.Dispose();
    }

    private static Process StartHolder(LabHost host)
    {
        var argv = host.Command("unshare", "--mount", "--propagation", "private", "sleep", "infinity");
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the libvirt namespace holder");
    }

    /// <summary>
    /// The holder's mount namespace once <c>unshare</c> has exec'd <c>sleep</c> (<c>ip netns exec</c> execs
    /// <c>unshare</c>, which execs <c>sleep</c>: one pid throughout).
    /// </summary>
    private static async Task<string> MountNamespaceOnceUnsharedAsync(Process holder, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (holder.HasExited)
            {
                throw new InvalidOperationException($"the libvirt namespace holder (ip netns exec … unshare --mount … sleep) exited with {holder.ExitCode}");
            }
            if (ReadOrNull($"/proc/{holder.Id}/comm")?.Trim() == "sleep" && MountNamespaceOf(holder.Id) is { } ns)
            {
                return ns;
            }
            if (Stopwatch.GetElapsedTime(start) > ReadyTimeout)
            {
                throw new TimeoutException($"the libvirt namespace holder did not reach 'sleep' within {ReadyTimeout.TotalSeconds:0} s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    private async Task StartDaemonsAsync(CancellationToken cancellationToken)
    {
        string[] inside = ["nsenter", "-t", _holder.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--"];
        foreach (var (local, mounted) in Mounts)
        {
            await _runner.RunCheckedAsync([.. inside, "mkdir", "-p", mounted], cancellationToken);
            await _runner.RunCheckedAsync([.. inside, "mount", "--bind", Path.Combine(Directory, local), mounted], cancellationToken);
        }
        // Both fork into the background once set up; their pidfiles default to /run, shared by the two daemons.
        await _runner.RunCheckedAsync([.. inside, Virtlogd, "-d", "-p", "/run/libvirt/virtlogd.pid"], cancellationToken);
        await _runner.RunCheckedAsync([.. inside, Libvirtd, "-d", "--listen", "-p", "/run/libvirt/libvirtd.pid"], cancellationToken);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var probe = await _runner.RunAsync([Virsh, "-c", Uri, "version"], cancellationToken);
            if (probe.ExitCode == 0)
            {
                return;
            }
            if (Stopwatch.GetElapsedTime(start) > ReadyTimeout)
            {
                throw new TimeoutException($"libvirtd on {Host} did not answer on {Uri} within {ReadyTimeout.TotalSeconds:0} s: {probe.StandardError.Trim()}; libvirtd.log: {LogTail()}");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Live processes in the holder's mount namespace (zombies excluded: they hold no namespace).</summary>
    private IEnumerable<int> ProcessesInNamespace()
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && MountNamespaceOf(pid) == _mountNamespace
                && Infrastructure.ProcStatus.IsRunning(pid))
            {
                yield return pid;
            }
        }
    }

    private static string? MountNamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }
}
