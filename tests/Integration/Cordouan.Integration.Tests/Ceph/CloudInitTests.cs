using System.Text.Json.Nodes;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Cloud-init drives on rbd and on dir: the NoCloud seed written into the drive is read back from the image (the test
/// guest cannot run cloud-init) and matches the dump endpoint; the VM boots with the drive attached.
/// </summary>
[Collection("ceph")]
public sealed class CloudInitTests(CephCluster cluster)
{
    private const int VmId = 478;
    private readonly RbdLab _lab = new(cluster);
    private readonly ProcessRunner _runner = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloudInitDrive_OnRbdThenOnDir_SeedHoldsTheConfigAndVmBoots()
    {
        await _lab.EnsureStorageAsync(Ct);
        await _lab.CreateGuestAsync(VmId, "local", Ct);
        var key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITEST tester@cordouan";
        (await cluster.Admin.PutAsync(Fixtures.Vms.Path("node1", VmId, "/config"), new()
        {
            ["ide2"] = $"{RbdLab.Storage}:cloudinit",
            ["ciuser"] = "tester",
            ["cipassword"] = "clear-s3cret",
            ["sshkeys"] = Uri.EscapeDataString(key + "\n"),
            ["ipconfig0"] = "ip=10.99.0.5/24,gw=10.99.0.1",
            ["nameserver"] = "10.99.0.53",
            ["searchdomain"] = "test.example",
        }, Ct)).EnsureOk();
        Assert.Equal($"{RbdLab.Storage}:vm-{VmId}-cloudinit,media=cdrom,size=4M", await ConfigValueAsync("ide2"));
        var pending = await PendingAsync();
        Assert.Equal("tester", pending["ciuser"]!["pending"]!.GetValue<string>());
        Assert.Null(pending["ciuser"]!["value"]);

        // Written at start, from the config: the guest boots with the drive attached.
        await _lab.StartAndWaitForHeartbeatAsync(VmId, 3, Ct);
        var rbdIso = cluster.Node.Data.Combine($"ci-{VmId}-rbd.iso");
        await _runner.RunCheckedAsync(["rbd", "--conf", cluster.Conf, "export", $"{RbdLab.Storage}/vm-{VmId}-cloudinit", rbdIso], Ct);
        Assert.Contains("Volume id: cidata", await IsoInfoAsync(["-d", "-i", rbdIso]), StringComparison.Ordinal);
        var user = await IsoFileAsync(rbdIso, "user-data");
        Assert.Equal(await DumpAsync("user"), user);
        Assert.Contains("user: tester\n", user, StringComparison.Ordinal);
        // Stored and written as its SHA-256 crypt, as Proxmox does: the clear text is nowhere.
        Assert.Matches(@"\npassword: \$5\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{43}\n", user);
        Assert.DoesNotContain("clear-s3cret", user, StringComparison.Ordinal);
        Assert.Equal("**********", await ConfigValueAsync("cipassword"));
        Assert.Contains($"ssh_authorized_keys:\n  - {key}\n", user, StringComparison.Ordinal);
        Assert.Contains("fqdn: guest478.test.example\n", user, StringComparison.Ordinal);
        var network = await IsoFileAsync(rbdIso, "network-config");
        Assert.Equal(await DumpAsync("network"), network);
        var mac = (await ConfigValueAsync("net0")).Split(',')[0].Split('=')[1].ToLowerInvariant();
        Assert.Contains($"      mac_address: '{mac}'\n", network, StringComparison.Ordinal);
        Assert.Contains("        address: '10.99.0.5'\n        netmask: '255.255.255.0'\n        gateway: '10.99.0.1'\n", network, StringComparison.Ordinal);
        Assert.Contains("      address:\n      - '10.99.0.53'\n      search:\n      - 'test.example'\n", network, StringComparison.Ordinal);
        Assert.Equal(await DumpAsync("meta"), await IsoFileAsync(rbdIso, "meta-data"));
        Assert.Equal("", await IsoFileAsync(rbdIso, "vendor-data"));
        var written = await PendingAsync();
        Assert.Equal("tester", written["ciuser"]!["value"]!.GetValue<string>());
        Assert.Null(written["ciuser"]!["pending"]);
        await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);

        // A change is pending until the drive is written again; the drive moves to dir and is regenerated on demand.
        (await cluster.Admin.PutAsync(Fixtures.Vms.Path("node1", VmId, "/config"), new() { ["ciuser"] = "other", ["delete"] = "ide2" }, Ct)).EnsureOk();
        var changed = await PendingAsync();
        Assert.Equal(("tester", "other"), (changed["ciuser"]!["value"]!.GetValue<string>(), changed["ciuser"]!["pending"]!.GetValue<string>()));
        (await cluster.Admin.PutAsync(Fixtures.Vms.Path("node1", VmId, "/config"), new() { ["ide2"] = "local:cloudinit" }, Ct)).EnsureOk();
        Assert.Equal($"local:{VmId}/vm-{VmId}-cloudinit.qcow2,media=cdrom,size=4M", await ConfigValueAsync("ide2"));
        var regenerate = await cluster.Admin.PutAsync(Fixtures.Vms.Path("node1", VmId, "/cloudinit"), null, Ct);
        regenerate.EnsureOk();
        var qcow2 = Directory.EnumerateFiles(cluster.Node.Data.Path, $"vm-{VmId}-cloudinit.qcow2", SearchOption.AllDirectories).Single();
        var dirIso = cluster.Node.Data.Combine($"ci-{VmId}-dir.iso");
        await _runner.RunCheckedAsync(["qemu-img", "convert", "-f", "qcow2", "-O", "raw", qcow2, dirIso], Ct);
        var dirUser = await IsoFileAsync(dirIso, "user-data");
        Assert.Contains("user: other\n", dirUser, StringComparison.Ordinal);
        Assert.Equal(await DumpAsync("user"), dirUser);
        Assert.Null((await PendingAsync())["ciuser"]!["pending"]);

        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", VmId, Ct);
        Assert.DoesNotContain($"vm-{VmId}-cloudinit", await _lab.ImagesAsync(Ct));
        Assert.False(File.Exists(qcow2));
    }

    private async Task<string> ConfigValueAsync(string key) =>
        (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, "/config"), Ct)).EnsureOk().Data![key]!.GetValue<string>();

    /// <summary><c>GET …/cloudinit</c> as key → item.</summary>
    private async Task<Dictionary<string, JsonNode>> PendingAsync() =>
        (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, "/cloudinit"), Ct)).EnsureOk().Data!.AsArray()
            .ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!);

    private async Task<string> DumpAsync(string type) =>
        (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, $"/cloudinit/dump?type={type}"), Ct)).EnsureOk().Data!.GetValue<string>();

    private async Task<string> IsoFileAsync(string iso, string name) => await IsoInfoAsync(["-R", "-i", iso, "-x", "/" + name]);

    private async Task<string> IsoInfoAsync(string[] arguments) => (await _runner.RunCheckedAsync(["isoinfo", .. arguments], Ct)).StandardOutput;
}
