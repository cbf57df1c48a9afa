using System.Diagnostics;
using System.Globalization;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;
using Cordouan.Testing.Systemd;
using Xunit;

namespace Cordouan.Integration.Tests.Packaging;

/// <summary>
/// The built .deb (<c>$CORDOUAN_TEST_DEB</c>, <c>make package</c>) on a host where systemd is PID 1 (a
/// <see cref="SystemdNamespace"/> whose /usr, /etc and /var are overlays: dpkg installs into it for real and the host
/// stays untouched). dpkg -i starts cordouand.service, ready (Type=notify) only once the API answers; a VM started
/// through it runs in qemu.slice/&lt;vmid&gt;.scope (even with a stale scope of that name left behind) and keeps the same
/// QEMU and an unbroken guest heartbeat through systemctl restart, systemctl stop, kill -9 of the daemon (systemd
/// restarts it), a package upgrade and the package's removal.
/// </summary>
public sealed class PackageServiceTests
{
    private const int VmId = 100;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Install_RestartStopKillUpgradeRemove_ApiAnswersAndVmNeverStops()
    {
        var deb = RequirePackage();
        SystemdNamespace.Require();
        Requirements.Qemu();
        Requirements.Etcd();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        var watch = Stopwatch.StartNew();
        var image = await Fixtures.SharedNode.GuestImageAsync(ct);
        using var work = new TempDirectory("cordouan-package");
        await using var lab = await NetnsLab.CreateAsync(ct);
        var host = await lab.AddHostAsync("pkg1", ct);
        await using var systemd = await SystemdNamespace.BootAsync(host, privateSystem: true, ct);
        var data = work.Combine("data");
        var config = WriteConfig(work, host, data);

        // A configuration laid down before the install (kept: --force-confold), as an operator preseeds it.
        await CheckedAsync(systemd, ct, "install", "-D", "-m", "0644", config, "/etc/cordouan/cordouand.toml");
        await CheckedAsync(systemd, ct, "dpkg", "-i", "--force-confold", deb);
        // postinst's start returned: with Type=notify that means READY=1 came, which cordouand sends once the API answers.
        Assert.Equal("active", await systemd.SystemctlAsync(ct, "is-active", "cordouand"));
        Assert.Equal("enabled", await systemd.SystemctlAsync(ct, "is-enabled", "cordouand"));
        var api = new Uri($"https://{host.Address}:8006");
        var certificate = Path.Combine(data, "certs", "node.pem");
        using (var root = await RootAsync(api, certificate, ct))
        {
            await Fixtures.Vms.CreateGuestAsync(root, host.Name, VmId, image, ct);
        }
        var installed = watch.Elapsed.TotalSeconds;

        // A scope of the VM's name left by an earlier run must not keep the VM from starting.
        // (A transient service holds it, so that nothing here waits for its process.)
        await CheckedAsync(systemd, ct, "systemd-run", "--quiet", "--unit=stale-scope", "--", "systemd-run", "--scope", "--quiet", $"--unit={VmId}.scope", "sleep", "600");
        await WaitAsync(async () => await systemd.SystemctlAsync(ct, "is-active", $"{VmId}.scope") == "active", "the stale scope to run", ct);
        using (var root = await RootAsync(api, certificate, ct))
        {
            await Fixtures.Vms.StartAsync(root, host.Name, VmId, ct);
        }
        var pid = await QemuPidAsync(api, certificate, host.Name, ct);
        Assert.Equal($"0::/qemu.slice/{VmId}.scope", await CgroupAsync(systemd, pid, ct));
        Assert.True((await systemd.RunAsync(["pgrep", "-x", "sleep"], ct)).ExitCode != 0, "the stale scope's process is still there");
        await using var console = await SerialConsole.ConnectAsync(Path.Combine(data, "run", "qemu", VmId.ToString(CultureInfo.InvariantCulture), "serial0.sock"), TimeSpan.FromSeconds(10), ct);
        await console.WaitForHeartbeatAsync(2, TimeSpan.FromSeconds(120), ct);
        var started = watch.Elapsed.TotalSeconds;

        await CheckedAsync(systemd, ct, "systemctl", "restart", "cordouand");
        Assert.Equal(pid, await QemuPidAsync(api, certificate, host.Name, ct));
        await BeatsOnAsync(console, ct);

        await CheckedAsync(systemd, ct, "systemctl", "stop", "cordouand");
        Assert.Equal("inactive", await systemd.SystemctlAsync(ct, "is-active", "cordouand"));
        await BeatsOnAsync(console, ct);
        await CheckedAsync(systemd, ct, "systemctl", "start", "cordouand");
        Assert.Equal(pid, await QemuPidAsync(api, certificate, host.Name, ct));

        var daemon = await systemd.SystemctlAsync(ct, "show", "-p", "MainPID", "--value", "cordouand");
        await CheckedAsync(systemd, ct, "kill", "-KILL", daemon);
        await BeatsOnAsync(console, ct);
        // Restart=on-failure: systemd starts a new daemon (after RestartSec), active again once it is ready.
        await WaitAsync(async () => await systemd.SystemctlAsync(ct, "show", "-p", "MainPID", "--value", "cordouand") is var now && now != "0" && now != daemon
            && await systemd.SystemctlAsync(ct, "is-active", "cordouand") == "active", "systemd to restart the killed daemon", ct);
        Assert.Equal(pid, await QemuPidAsync(api, certificate, host.Name, ct));

        var upgrade = await RepackAsync(deb, work, ct);
        daemon = await systemd.SystemctlAsync(ct, "show", "-p", "MainPID", "--value", "cordouand");
        await CheckedAsync(systemd, ct, "dpkg", "-i", "--force-confold", upgrade.Path);
        Assert.Equal(upgrade.Version, (await CheckedAsync(systemd, ct, "dpkg-query", "-W", "-f=${Version}", "cordouan")).StandardOutput.Trim());
        Assert.NotEqual(daemon, await systemd.SystemctlAsync(ct, "show", "-p", "MainPID", "--value", "cordouand"));
        Assert.Equal("active", await systemd.SystemctlAsync(ct, "is-active", "cordouand"));
        Assert.Equal(pid, await QemuPidAsync(api, certificate, host.Name, ct));
        await BeatsOnAsync(console, ct);

        await CheckedAsync(systemd, ct, "dpkg", "-r", "cordouan");
        Assert.NotEqual(0, (await systemd.RunAsync(["test", "-e", "/usr/lib/cordouan/cordouand"], ct)).ExitCode);
        Assert.NotEqual("active", await systemd.SystemctlAsync(ct, "is-active", "cordouand"));
        Assert.Equal($"0::/qemu.slice/{VmId}.scope", await CgroupAsync(systemd, pid, ct));
        await BeatsOnAsync(console, ct);

        // Uninterrupted: one boot, and every heartbeat from the first to the last (none lost, no reset).
        var beats = console.Lines.Select(SerialConsole.ParseHeartbeat).OfType<int>().Skip(1).ToList();
        Assert.DoesNotContain(console.Lines.SkipWhile(l => SerialConsole.ParseHeartbeat(l) is null), l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(beats[0], beats.Count), beats);
        TestContext.Current.SendDiagnosticMessage(
            $"package: installed and VM created at {installed:0.0} s, guest beating at {started:0.0} s, restart/stop/kill/upgrade/remove done at {watch.Elapsed.TotalSeconds:0.0} s ({beats.Count} heartbeats)");
    }

    /// <summary>The .deb under test; a missing one skips locally and fails under CI=true.</summary>
    private static string RequirePackage()
    {
        var deb = Environment.GetEnvironmentVariable("CORDOUAN_TEST_DEB");
        if (deb is { Length: > 0 } && File.Exists(deb))
        {
            return Path.GetFullPath(deb);
        }
        var reason = $"no package to test: CORDOUAN_TEST_DEB='{deb}' (make package, then CORDOUAN_TEST_DEB=dist/cordouan_<version>_amd64.deb)";
        if (Requirements.InCi)
        {
            Assert.Fail(reason + "; CI=true forbids skipping");
        }
        Assert.Skip(reason);
        throw new UnreachableException();
    }

    /// <summary>The test's settings: the namespace's address, TCG, data under the test's directory, root@pam from the test's shadow file.</summary>
    private static string WriteConfig(TempDirectory work, LabHost host, string data)
    {
        File.WriteAllText(work.Combine("shadow"), TestRoot.ShadowLine + "\n");
        File.WriteAllText(work.Combine("admin-password"), "test-" + Guid.NewGuid().ToString("N")[..12]);
        var config = work.Combine("cordouand.toml");
        File.WriteAllText(config, $"""
            node-name = "{host.Name}"
            listen = "{host.Address}:8006"
            address = "{host.Address}"
            accel = "tcg"
            data-dir = "{data}"
            admin-password-file = "{work.Combine("admin-password")}"
            pam-shadow-file = "{work.Combine("shadow")}"
            syslog-socket = "{work.Combine("syslog.sock")}"
            ceph-service-manager = "cordouand"
            """);
        return config;
    }

    private static async Task<PveHttp> RootAsync(Uri api, string certificate, CancellationToken cancellationToken)
    {
        var http = new PveHttp(api, certificate);
        (await http.LoginAsync(TestRoot.UserId, TestRoot.Password, cancellationToken)).EnsureOk();
        return http;
    }

    /// <summary>The VM's QEMU pid as the API reports it (the namespace's pid), asked as soon as the service is back.</summary>
    private static async Task<int> QemuPidAsync(Uri api, string certificate, string node, CancellationToken cancellationToken)
    {
        using var root = await RootAsync(api, certificate, cancellationToken);
        var status = (await root.GetAsync(Fixtures.Vms.Path(node, VmId, "/status/current"), cancellationToken)).EnsureOk().Data!;
        Assert.Equal("running", status["status"]!.GetValue<string>());
        return status["pid"]!.GetValue<int>();
    }

    /// <summary>The process's cgroup2 line (<c>0::PATH</c>, relative to the namespace's root), seen inside the namespace; a hybrid host lists v1 hierarchies too.</summary>
    private static async Task<string> CgroupAsync(SystemdNamespace systemd, int pid, CancellationToken cancellationToken) =>
        (await CheckedAsync(systemd, cancellationToken, "cat", $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup")).StandardOutput
            .Split('\n').Single(l => l.StartsWith("0::", StringComparison.Ordinal));

    private static async Task BeatsOnAsync(SerialConsole console, CancellationToken cancellationToken) =>
        await console.WaitForHeartbeatAsync(console.LastHeartbeat!.Value + 3, Heartbeat, cancellationToken);

    private static async Task<ProcessResult> CheckedAsync(SystemdNamespace systemd, CancellationToken cancellationToken, params string[] argv)
    {
        var result = await systemd.RunAsync(argv, cancellationToken);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', argv)} exited {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        return result;
    }

    /// <summary>The same package under a higher version, for a real upgrade (uncompressed: this is about dpkg's path, not size).</summary>
    private static async Task<(string Path, string Version)> RepackAsync(string deb, TempDirectory work, CancellationToken cancellationToken)
    {
        var runner = new ProcessRunner();
        var tree = work.Combine("repack");
        await runner.RunCheckedAsync(["dpkg-deb", "-R", deb, tree], cancellationToken);
        var control = Path.Combine(tree, "DEBIAN", "control");
        var lines = (await File.ReadAllLinesAsync(control, cancellationToken)).ToList();
        var index = lines.FindIndex(l => l.StartsWith("Version: ", StringComparison.Ordinal));
        var version = lines[index]["Version: ".Length..] + "+upgrade1";
        lines[index] = "Version: " + version;
        await File.WriteAllLinesAsync(control, lines, cancellationToken);
        var upgrade = work.Combine($"cordouan_{version}_amd64.deb");
        await runner.RunCheckedAsync(["dpkg-deb", "--root-owner-group", "-Znone", "--build", tree, upgrade], cancellationToken);
        return (upgrade, version);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (!await condition())
            {
                await Task.Delay(250, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out waiting for {what}");
        }
    }
}
