using System.Diagnostics;
using System.Globalization;
using Cordouan.Platform.Processes;
using Cordouan.Testing.Netns;
using Xunit;

namespace Cordouan.Testing.Systemd;

/// <summary>
/// A real systemd as PID 1 of its own pid, mount, UTS, IPC and cgroup namespaces, inside a <see cref="LabHost"/>'s
/// network namespace: a "host with systemd" for tests, on a machine whose own PID 1 may be anything. It boots only
/// <c>cordouan-test.target</c> from a unit directory holding Ceph's units and a few targets (no udev, getty,
/// networking, journald, generators), with <c>container=cordouan-test</c>; /etc/ceph, /var/lib/ceph, /var/log/ceph
/// are throw-away directories, /run a tmpfs, /sys and /proc/sys read-only, and its cgroup a fresh child of the
/// host's cgroup2 hierarchy. Dispose kills that cgroup (systemd and every service) and the pid namespace with it;
/// the mounts vanish with the mount namespace.
/// </summary>
public sealed class SystemdNamespace : IAsyncDisposable
{
    private const string Systemd = "/lib/systemd/systemd";
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Ceph's units and the targets they order against; every other unit stays unknown inside.</summary>
    private static readonly string[] CopiedUnits =
    [
        "ceph-mon@.service", "ceph-mgr@.service", "ceph-osd@.service", "ceph.target", "ceph-mon.target", "ceph-mgr.target", "ceph-osd.target",
        "sysinit.target", "basic.target", "local-fs.target", "local-fs-pre.target", "network.target", "network-online.target", "time-sync.target",
        "remote-fs-pre.target", "remote-fs.target", "sockets.target", "timers.target", "paths.target", "slices.target", "multi-user.target",
        "shutdown.target", "final.target", "umount.target", "emergency.target", "rescue.target",
    ];

    private readonly TempDirectory _work = new("cordouan-systemd");
    private readonly string _cgroup;
    private Process? _launcher;

    private SystemdNamespace(string cgroup) => _cgroup = cgroup;

    /// <summary>Host pid of the namespace's systemd (PID 1 inside).</summary>
    public int Pid { get; private set; }

    /// <summary>The namespace's /var/lib/ceph, seen from the host.</summary>
    public string VarLibCeph => _work.Combine("var-lib-ceph");

    /// <summary>Skips (fails under CI=true when Ceph is missing) unless systemd, Ceph's units and a cgroup2 hierarchy exist.</summary>
    public static string Require()
    {
        Requirements.Ceph();
        Requirements.Program("unshare", "apt-get install util-linux");
        Requirements.Program("nsenter", "apt-get install util-linux");
        // systemd is not one of install-deps.sh's packages: a machine without it skips, CI included.
        if (!File.Exists(Systemd))
        {
            Assert.Skip($"{Systemd} is not installed (apt-get install systemd)");
        }
        if (!File.Exists("/lib/systemd/system/ceph-osd@.service"))
        {
            Assert.Skip("Ceph's systemd units are not installed (/lib/systemd/system/ceph-osd@.service)");
        }
        if (Cgroup2Root() is { } root)
        {
            return root;
        }
        Assert.Skip("no cgroup2 hierarchy is mounted (needed for the namespace's own cgroup)");
        throw new UnreachableException();
    }

    /// <summary>Boots systemd inside <paramref name="host"/>'s network namespace and waits until it is running (bounded).</summary>
    public static Task<SystemdNamespace> BootAsync(LabHost host, CancellationToken cancellationToken) =>
        BootAsync(host, privateSystem: false, cancellationToken);

    /// <summary>
    /// Boots systemd inside <paramref name="host"/>'s network namespace and waits until it is running (bounded). With
    /// <paramref name="privateSystem"/>, /usr, /etc and /var inside are copy-on-write overlays of the host's: a
    /// package installed there with dpkg (files, database, units, maintainer scripts) changes nothing on the host.
    /// </summary>
    public static async Task<SystemdNamespace> BootAsync(LabHost host, bool privateSystem, CancellationToken cancellationToken)
    {
        var cgroupRoot = Require();
        var cgroup = Path.Combine(cgroupRoot, "cordouan-systemd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(cgroup);
        var ns = new SystemdNamespace(cgroup);
        var booted = false;
        try
        {
            if (privateSystem)
            {
                Directory.CreateDirectory(ns._work.Combine("overlay"));
            }
            await ns.StartAsync(host, cancellationToken);
            booted = true;
            return ns;
        }
        finally
        {
            if (!booted)
            {
                await ns.DisposeAsync();
            }
        }
    }

    /// <summary><paramref name="argv"/> run inside the namespace (<c>nsenter -t PID -a</c>; a pid namespace member, so it dies with it).</summary>
    public string[] Command(params string[] argv) =>
        ["nsenter", "-t", Pid.ToString(CultureInfo.InvariantCulture), "-a", "--", .. argv];

    /// <summary>Runs a command inside; returns its result whatever the exit code.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        new ProcessRunner().RunAsync(Command([.. argv]), cancellationToken);

    /// <summary>First line of <c>systemctl ARGS</c> inside (is-active, is-enabled, show -p X --value).</summary>
    public async Task<string> SystemctlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await RunAsync(["systemctl", .. arguments], cancellationToken)).StandardOutput.Split('\n')[0].Trim();

    private async Task StartAsync(LabHost host, CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { "etc-ceph", "var-lib-ceph", "var-log-ceph", "units", "etc-units", "empty" })
        {
            Directory.CreateDirectory(_work.Combine(dir));
        }
        await new ProcessRunner().RunCheckedAsync(["chown", "ceph:ceph", _work.Combine("var-lib-ceph"), _work.Combine("var-log-ceph")], cancellationToken);
        foreach (var unit in CopiedUnits)
        {
            var source = Path.Combine("/lib/systemd/system", unit);
            if (File.Exists(source))
            {
                File.Copy(source, _work.Combine("units", unit));
            }
        }
        await File.WriteAllTextAsync(_work.Combine("units", "cordouan-test.target"),
            "[Unit]\nDescription=Cordouan test namespace\nRequires=basic.target\nAfter=basic.target\n", cancellationToken);
        var script = _work.Combine("boot.sh");
        await File.WriteAllTextAsync(script, SystemdBootScript.Text, cancellationToken);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, _cgroup, $"/run/netns/{host.Namespace}", _work.Path })
        {
            info.ArgumentList.Add(arg);
        }
        _launcher = Process.Start(info)!;
        _launcher.OutputDataReceived += (_, _) => { };
        _launcher.ErrorDataReceived += (_, _) => { };
        _launcher.BeginOutputReadLine();
        _launcher.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(BootTimeout);
        var state = "not started";
        try
        {
            while (true)
            {
                if (_launcher.HasExited)
                {
                    throw new InvalidOperationException($"the systemd namespace exited during boot ({_launcher.ExitCode})");
                }
                if (Pid == 0 && ChildOf(_launcher.Id) is { } child && Comm(child) == "systemd")
                {
                    Pid = child;
                }
                if (Pid != 0)
                {
                    state = await SystemctlAsync(deadline.Token, "is-system-running");
                    if (state == "running")
                    {
                        return;
                    }
                    if (state == "degraded")
                    {
                        throw new InvalidOperationException("systemd in the namespace is degraded: "
                            + (await RunAsync(["systemctl", "--failed", "--no-pager"], deadline.Token)).StandardOutput);
                    }
                }
                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"systemd in the namespace not running after {BootTimeout.TotalSeconds} s (state '{state}')");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // cgroup.kill reaches systemd and every service; PID 1 dying then kills the rest of the pid namespace
        // (processes entered with nsenter, which are in the test's cgroup).
        if (Directory.Exists(_cgroup))
        {
            await File.WriteAllTextAsync(Path.Combine(_cgroup, "cgroup.kill"), "1");
        }
        if (_launcher is { } launcher)
        {
            await launcher.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            launcher.Dispose();
        }
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists(_cgroup))
        {
            try
            {
                foreach (var dir in Directory.EnumerateDirectories(_cgroup, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(_cgroup))
                {
                    Directory.Delete(dir);
                }
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Still populated for a moment after the kill.
                await Task.Delay(100);
            }
        }
        _work.Dispose();
    }

    /// <summary>The cgroup2 mount point (/sys/fs/cgroup on a unified host, /sys/fs/cgroup/unified on a hybrid one), or null.</summary>
    private static string? Cgroup2Root()
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ... - FSTYPE SOURCE SUPEROPTIONS"
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator > 0 && fields[separator + 1] == "cgroup2" && fields[3] == "/")
            {
                return fields[4];
            }
        }
        return null;
    }

    private static int? ChildOf(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
