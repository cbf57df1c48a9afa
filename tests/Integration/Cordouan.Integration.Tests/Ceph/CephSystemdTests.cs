using System.Diagnostics;
using System.Text.Json.Nodes;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;
using Cordouan.Testing.Systemd;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Ceph on a host where systemd is PID 1 (a <see cref="SystemdNamespace"/>): cordouand, left on
/// <c>--ceph-service-manager auto</c>, deploys through the API into Ceph's standard layout and runs each daemon under
/// Ceph's own unit; systemd (not cordouand) restarts a killed OSD; destroy disables the unit.
/// </summary>
public sealed class CephSystemdTests
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Deploy_OnASystemdHost_DaemonsRunUnderCephUnitsAndSystemdRestartsThem()
    {
        SystemdNamespace.Require();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var watch = Stopwatch.StartNew();
        await using var lab = await NetnsLab.CreateAsync(ct);
        var host = await lab.AddHostAsync("sd1", ct);
        // Disposed in reverse: the namespace first, which kills cordouand with it (a node stopped first would wait
        // for the pipes its nsenter'd cordouand still holds).
        SystemdNamespace? booted = null;
        await using var node = new CordouandNode(host, extraArguments: ["--ceph-service-manager", "auto"], command: argv => booted!.Command(argv));
        await using var disk = await LoopDevice.CreateAsync(node.Data.Combine("osd.img"), 3L << 30, ct);
        await using var systemd = booted = await SystemdNamespace.BootAsync(host, ct);
        var boot = watch.Elapsed.TotalSeconds;
        await node.StartAsync(ct);
        using var admin = await node.AdminAsync(ct);

        (await admin.PostAsync("/nodes/sd1/ceph/init", new() { ["network"] = "127.0.0.0/8", ["failure-domain"] = "osd" }, ct)).EnsureOk();
        await admin.RunTaskAsync(HttpMethod.Post, "/nodes/sd1/ceph/mon", null, ct);
        await Task.WhenAll(
            admin.RunTaskAsync(HttpMethod.Post, "/nodes/sd1/ceph/mgr", null, ct),
            admin.RunTaskAsync(HttpMethod.Post, "/nodes/sd1/ceph/osd", new() { ["dev"] = disk.Path }, ct));
        var deployed = watch.Elapsed.TotalSeconds;

        foreach (var unit in new[] { "ceph-mon@sd1", "ceph-mgr@sd1", "ceph-osd@0" })
        {
            Assert.Equal("active", await systemd.SystemctlAsync(ct, "is-active", unit));
            Assert.Equal("enabled", await systemd.SystemctlAsync(ct, "is-enabled", unit));
        }
        // Ceph's standard layout, nothing under cordouand's data dir, and one ceph-osd: the unit's.
        Assert.True(File.Exists(Path.Combine(systemd.VarLibCeph, "osd", "ceph-0", "keyring")));
        Assert.False(Directory.Exists(node.Data.Combine("ceph", "osd")));
        var mainPid = await systemd.SystemctlAsync(ct, "show", "-p", "MainPID", "--value", "ceph-osd@0");
        Assert.Equal(mainPid, (await systemd.RunAsync(["pgrep", "-x", "ceph-osd"], ct)).StandardOutput.Trim());
        var upFrom = (await OsdAsync(systemd, ct))["up_from"]!.GetValue<int>();

        Assert.Equal(0, (await systemd.RunAsync(["kill", "-KILL", mainPid], ct)).ExitCode);
        var killed = Stopwatch.StartNew();
        JsonNode osd = null!;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(RestartTimeout);
            while (true)
            {
                var pid = await systemd.SystemctlAsync(deadline.Token, "show", "-p", "MainPID", "--value", "ceph-osd@0");
                osd = await OsdAsync(systemd, deadline.Token);
                // A new process of the unit that booted into the map again (a later up_from epoch) and is up.
                if (pid != "0" && pid != mainPid && osd["up"]!.GetValue<int>() == 1 && osd["up_from"]!.GetValue<int>() > upFrom)
                {
                    break;
                }
                await Task.Delay(500, deadline.Token);
            }
        }
        var restarted = killed.Elapsed.TotalSeconds;
        Assert.Equal("1", await systemd.SystemctlAsync(ct, "show", "-p", "NRestarts", "--value", "ceph-osd@0"));
        Assert.Single((await systemd.RunAsync(["pgrep", "-x", "ceph-osd"], ct)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        await admin.RunTaskAsync(HttpMethod.Delete, "/nodes/sd1/ceph/osd/0", new() { ["cleanup"] = "1" }, ct);
        Assert.Equal("inactive", await systemd.SystemctlAsync(ct, "is-active", "ceph-osd@0"));
        Assert.Equal("disabled", await systemd.SystemctlAsync(ct, "is-enabled", "ceph-osd@0"));
        Assert.Empty((await systemd.RunAsync(["pgrep", "-x", "ceph-osd"], ct)).StandardOutput.Trim());
        TestContext.Current.SendDiagnosticMessage(
            $"Ceph under systemd units: namespace boot {boot:0.0} s, mon+mgr+osd deployed at {deployed:0.0} s, killed OSD back up in {restarted:0.0} s (RestartSec=10), total {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>osd.0's entry in <c>ceph osd dump</c>, asked inside the namespace (its /etc/ceph/ceph.conf and admin keyring).</summary>
    private static async Task<JsonNode> OsdAsync(SystemdNamespace systemd, CancellationToken cancellationToken)
    {
        var result = await systemd.RunAsync(["ceph", "--connect-timeout", "10", "osd", "dump", "--format", "json"], cancellationToken);
        Assert.True(result.ExitCode == 0, "ceph osd dump failed: " + result.StandardError);
        return JsonNode.Parse(result.StandardOutput)!["osds"]!.AsArray().Single(o => o!["osd"]!.GetValue<int>() == 0)!;
    }
}
