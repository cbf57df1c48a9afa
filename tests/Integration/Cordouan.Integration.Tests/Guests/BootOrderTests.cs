using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Guests;

/// <summary>
/// <c>onboot</c> and <c>startup</c> (issue 18): stopall shuts VMs down in reverse order within their <c>down</c>
/// timeout; after a simulated host reboot (daemon, QEMU and etcd killed, the tmpfs boot marker gone) the onboot VMs
/// come back in order and the others stay stopped; a daemon restart without reboot starts nothing. The VMs have no
/// disk: order is all that is checked, so no guest needs to boot.
/// </summary>
public sealed class BootOrderTests
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private static readonly int[] BootOrder = [402, 401, 404];

    // 402 first (order 1), then 401 (order 2, down=2), then 404 (onboot, no order: last); 403 is not onboot.
    private static readonly Dictionary<int, Dictionary<string, string>> Configs = new()
    {
        [401] = new() { ["onboot"] = "1", ["startup"] = "order=2,up=0,down=2" },
        [402] = new() { ["onboot"] = "1", ["startup"] = "order=1,up=0" },
        [403] = new() { ["startup"] = "up=0" },
        [404] = new() { ["onboot"] = "1", ["startup"] = "up=0" },
    };

    [Fact]
    public async Task Reboot_OnBootVms_ComeBackInOrderAndRestartStartsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("boot1");
        int startAllsBefore;
        await node.StartAsync(ct);
        using (var root = await node.RootAsync(ct))
        {
            foreach (var (vmid, config) in Configs)
            {
                var create = new Dictionary<string, string>(config) { ["vmid"] = Text(vmid), ["memory"] = "64" };
                await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/qemu", create, ct);
            }

            // startall without force starts the onboot VMs only; with force every VM.
            await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/startall", new() { ["vms"] = "403" }, ct, TaskTimeout);
            Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(root, node.NodeName, 403, ct));
            var forced = await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/startall", new() { ["force"] = "1" }, ct, TaskTimeout);
            Assert.Equal([402, 401, 403, 404], VmsIn(await LogAsync(root, forced, ct), "Starting VM "));
            foreach (var vmid in Configs.Keys)
            {
                Assert.Equal("running", await Fixtures.Vms.StatusAsync(root, node.NodeName, vmid, ct));
            }

            // stopall: reverse order (no order first, highest VMID first), each within its down (else the timeout).
            var stopall = await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/stopall", new() { ["timeout"] = "1" }, ct, TaskTimeout);
            var stopLog = await LogAsync(root, stopall, ct);
            Assert.Equal([404, 403, 401, 402], VmsIn(stopLog, "Stopping VM "));
            Assert.Contains("Stopping VM 401 (timeout = 2 seconds)", stopLog);
            Assert.Contains("Stopping VM 402 (timeout = 1 seconds)", stopLog);
            foreach (var vmid in Configs.Keys)
            {
                Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(root, node.NodeName, vmid, ct));
            }
            await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/startall", new() { ["force"] = "1" }, ct, TaskTimeout);
            startAllsBefore = (await StartAllTasksAsync(root, node.NodeName, ct)).Count;
        }

        // Host reboot: everything dies, tmpfs is empty, the daemon starts again on the same data.
        await node.KillAsync();
        foreach (var pid in CordouandNode.ProcessesUsing(node.Data.Path))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        File.Delete(node.OnBootMarker);
        await node.StartAsync(ct);
        using (var root = await node.RootAsync(ct))
        {
            var boot = await WaitForStartAllAsync(root, node.NodeName, startAllsBefore + 1, ct);
            Assert.Equal("OK", await root.WaitForTaskAsync(boot, TaskTimeout, ct));
            Assert.Equal(BootOrder, VmsIn(await LogAsync(root, boot, ct), "Starting VM "));
            Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(root, node.NodeName, 403, ct));
            var started = BootOrder.Select(vmid => QemuStartTicks(node, vmid)).ToList();
            Assert.True(started[0] < started[1] && started[1] < started[2], $"QEMU start times not in boot order: {string.Join(", ", started)}");

            // A daemon restart within the same boot starts nothing: an onboot VM stopped by hand stays stopped.
            await Fixtures.Vms.StopAsync(root, node.NodeName, 401, ct);
        }
        await node.RestartAsync(ct);
        await WaitForOutputAsync(node, "Daemon restart within the same host boot", ct);
        using (var root = await node.RootAsync(ct))
        {
            Assert.Equal(startAllsBefore + 1, (await StartAllTasksAsync(root, node.NodeName, ct)).Count);
            Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(root, node.NodeName, 401, ct));
            Assert.Equal("running", await Fixtures.Vms.StatusAsync(root, node.NodeName, 402, ct));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<List<string>> LogAsync(PveHttp http, string upid, CancellationToken ct)
    {
        var node = upid.Split(':')[1];
        var log = (await http.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", ct, new() { ["limit"] = "1000" })).EnsureOk().Data!.AsArray();
        return log.Select(l => l!["t"]!.GetValue<string>()).ToList();
    }

    private static List<int> VmsIn(List<string> log, string prefix) =>
        log.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => int.Parse(l[prefix.Length..].Split(' ')[0], CultureInfo.InvariantCulture))
            .ToList();

    private static async Task<List<string>> StartAllTasksAsync(PveHttp http, string node, CancellationToken ct) =>
        (await http.GetAsync($"/nodes/{node}/tasks", ct, new() { ["typefilter"] = "startall", ["source"] = "all", ["userfilter"] = "root@pam" })).EnsureOk().Data!.AsArray()
            .Select(t => t!["upid"]!.GetValue<string>())
            .ToList();

    /// <summary>The boot's startall task: the newest, once there are <paramref name="count"/>.</summary>
    private static async Task<string> WaitForStartAllAsync(PveHttp http, string node, int count, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var tasks = (await http.GetAsync($"/nodes/{node}/tasks", deadline.Token, new() { ["typefilter"] = "startall", ["source"] = "all" })).EnsureOk().Data!.AsArray();
            if (tasks.Count >= count)
            {
                return tasks.OrderByDescending(t => t!["starttime"]!.GetValue<long>()).First()!["upid"]!.GetValue<string>();
            }
            await Task.Delay(250, deadline.Token);
        }
    }

    private static async Task WaitForOutputAsync(CordouandNode node, string text, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!node.Output.Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>When the VM's QEMU started, in clock ticks since boot (/proc/PID/stat field 22).</summary>
    private static long QemuStartTicks(CordouandNode node, int vmid)
    {
        var pid = File.ReadAllText(Path.Combine(Path.GetDirectoryName(node.SerialSocket(vmid))!, "qemu.pid")).Trim();
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
    }
}
