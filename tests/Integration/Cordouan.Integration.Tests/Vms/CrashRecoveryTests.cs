using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Vms;

/// <summary>Killing cordouand with SIGKILL never stops a VM; the restarted daemon re-attaches and reports them running.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillDaemon_ThreeVmsRunning_VmsKeepRunningAndRestartedDaemonReportsThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("crash1");
        var image = await SharedNode.GuestImageAsync(ct);
        await node.StartAsync(ct);
        int[] ids = [301, 302, 303];
        using (var admin = await node.AdminAsync(ct))
        {
            foreach (var id in ids)
            {
                await Fixtures.Vms.CreateGuestAsync(admin, node.NodeName, id, image, ct, start: true);
            }
        }
        var consoles = new List<SerialConsole>();
        try
        {
            foreach (var id in ids)
            {
                consoles.Add(await SerialConsole.ConnectAsync(node.SerialSocket(id), TimeSpan.FromSeconds(10), ct));
            }
            foreach (var console in consoles)
            {
                await console.WaitForHeartbeatAsync(2, Boot, ct);
            }
            var pidsBefore = ids.ToDictionary(id => id, id => File.ReadAllText(Path.Combine(Path.GetDirectoryName(node.SerialSocket(id))!, "qemu.pid")).Trim());

            await node.KillAsync();
            foreach (var console in consoles)
            {
                // Still beating with the daemon dead: counters keep increasing.
                var seen = console.LastHeartbeat!.Value;
                await console.WaitForHeartbeatAsync(seen + 5, TimeSpan.FromSeconds(30), ct);
            }

            await node.StartAsync(ct);
            using var again = await node.AdminAsync(ct);
            foreach (var id in ids)
            {
                var status = (await again.GetAsync(Fixtures.Vms.Path(node.NodeName, id, "/status/current"), ct)).EnsureOk().Data!;
                Assert.Equal("running", status["status"]!.GetValue<string>());
                Assert.Equal(pidsBefore[id], status["pid"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            foreach (var console in consoles)
            {
                var seen = console.LastHeartbeat!.Value;
                await console.WaitForHeartbeatAsync(seen + 2, TimeSpan.FromSeconds(30), ct);
            }
            foreach (var id in ids)
            {
                await Fixtures.Vms.StopAsync(again, node.NodeName, id, ct);
            }
        }
        finally
        {
            foreach (var console in consoles)
            {
                await console.DisposeAsync();
            }
        }
    }
}
