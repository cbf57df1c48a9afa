using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Vms;

/// <summary>
/// The guest-side writer the Ceph bench compares with <c>rbd bench</c> (<c>DISK-WRITE</c>): what the guest says it wrote
/// must be on the VM's second disk image, read back from the host after the VM stopped. Issue 18: meanwhile the busy
/// guest's figures are true in <c>status/current</c> and <c>/cluster/resources</c> (CPU, written bytes growing).
/// </summary>
[Collection("node")]
public sealed class GuestDiskWriteTests(SharedNode shared)
{
    private const int VmId = 209;
    private const int Mebibytes = 6;
    private const int Mebibyte = 1 << 20;
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DiskWrite_SecondDisk_GuestReportsTheBytesAndTheImageHoldsThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = shared.Node.NodeName;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{node}/qemu", new()
        {
            ["vmid"] = VmId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = "160",
            ["scsi0"] = $"local:0,import-from={shared.Node.ImportVolume(shared.GuestImage)}",
            // 16 MiB (sizes are in GiB): room for the write and zeros after it.
            ["scsi1"] = "local:0.015625",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
        }, ct);
        await Fixtures.Vms.StartAsync(shared.Admin, node, VmId, ct);
        GuestDiskWrite written;
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), ct))
        {
            await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct);
            var disk = new GuestDisk(console);
            await Assert.ThrowsAsync<InvalidOperationException>(() => disk.WriteAsync("sdz", 1, TimeSpan.FromSeconds(30), ct));
            written = await disk.WriteAsync("scsi1", Mebibytes, TimeSpan.FromSeconds(60), ct);
            await AssertFiguresAsync(node, ct);
        }
        Assert.Equal((long)Mebibytes * Mebibyte, written.Bytes);
        Assert.True(written.Elapsed > TimeSpan.Zero, $"elapsed {written.Elapsed}");
        await Fixtures.Vms.StopAsync(shared.Admin, node, VmId, ct);

        var image = (await shared.Admin.GetAsync($"/nodes/{node}/storage/local/content/local:{VmId}/vm-{VmId}-disk-1.qcow2", ct)).EnsureOk().Data!["path"]!.GetValue<string>();
        var raw = Path.Combine(Path.GetTempPath(), $"cordouan-diskwrite-{Guid.NewGuid():N}.raw");
        try
        {
            await new ProcessRunner().RunCheckedAsync(["qemu-img", "convert", "-f", "qcow2", "-O", "raw", image, raw], ct);
            var bytes = await File.ReadAllBytesAsync(raw, ct);
            Assert.Equal(16 * Mebibyte, bytes.Length);
            var firstOther = Array.FindIndex(bytes, b => b != GuestDisk.Pattern);
            Assert.Equal(Mebibytes * Mebibyte, firstOther);
            // Zeros after it, up to the last MiB (the guest keeps its counter there if it took this disk for its boot disk).
            Assert.Equal(-1, Array.FindIndex(bytes, firstOther, bytes.Length - Mebibyte - firstOther, b => b != 0));
        }
        finally
        {
            File.Delete(raw);
        }
        await Fixtures.Vms.DestroyAsync(shared.Admin, node, VmId, ct);
    }

    /// <summary>
    /// The guest wrote <see cref="Mebibytes"/> MiB and keeps writing its heartbeat counter: within a few sampling
    /// passes both views show CPU used, at least those bytes written, and the count growing.
    /// </summary>
    private async Task AssertFiguresAsync(string node, CancellationToken ct)
    {
        long firstWrite = 0;
        await Cluster.ClusterLab.WaitUntilAsync("status/current shows CPU and the written bytes", async c =>
        {
            var current = (await shared.Admin.GetAsync($"/nodes/{node}/qemu/{VmId}/status/current", c)).EnsureOk().Data!;
            firstWrite = current["diskwrite"]!.GetValue<long>();
            return current["cpu"]!.GetValue<double>() > 0 && firstWrite >= (long)Mebibytes * Mebibyte && current["diskread"]!.GetValue<long>() > 0;
        }, TimeSpan.FromSeconds(20), ct);
        await Cluster.ClusterLab.WaitUntilAsync("/cluster/resources shows the write count growing", async c =>
        {
            var resource = (await shared.Admin.GetAsync("/cluster/resources", c, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray()
                .Single(r => r!["vmid"]!.GetValue<int>() == VmId)!;
            return resource["status"]!.GetValue<string>() == "running" && resource["cpu"]!.GetValue<double>() > 0
                && resource["diskwrite"]!.GetValue<long>() > firstWrite && resource["mem"]!.GetValue<long>() > 0;
        }, TimeSpan.FromSeconds(20), ct);
    }
}
