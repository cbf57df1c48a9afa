using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Xunit;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>The real <c>cord ha …</c> commands against a real daemon, including a refusal that must exit non-zero.</summary>
[Collection("node")]
public sealed class HaCliTests(SharedNode shared)
{
    [Fact]
    public async Task CordHa_GroupAndResourceLifecycle_WorksAndRefusalsExitNonZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = shared.Node.NodeName;
        var config = shared.Node.Data.Combine("cord-ha.json");
        var login = await RunAsync(config, ct, "login", "--server", shared.Node.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", shared.Node.Data.Combine("admin-password.in"), "--fingerprint", shared.Node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);
        (await shared.Admin.PostAsync("/storage", new() { ["storage"] = "ha-cli", ["type"] = "dir", ["path"] = shared.Node.Data.Combine("ha-cli"), ["shared"] = "1" }, ct)).EnsureOk();
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{node}/qemu", new() { ["vmid"] = 384.ToString(CultureInfo.InvariantCulture), ["memory"] = "64", ["scsi0"] = "ha-cli:0.01" }, ct);

        await AssertRunsAsync(config, ct, "ha", "group", "add", "g-cli", "--nodes", $"{node}:2", "--restricted", "1");
        await AssertRunsAsync(config, ct, "ha", "resource", "add", "384", "--state", "stopped", "--group", "g-cli", "--max-restart", "2");
        var unknownNode = await RunAsync(config, ct, "ha", "group", "set", "g-cli", "--nodes", "ghost");
        Assert.NotEqual(0, unknownNode.Exit);
        Assert.Contains("no such cluster node 'ghost'", unknownNode.Output, StringComparison.Ordinal);

        var nowhere = await RunAsync(config, ct, "ha", "resource", "migrate", "384", "ghost");
        Assert.NotEqual(0, nowhere.Exit);
        Assert.Contains("no such cluster node 'ghost'", nowhere.Output, StringComparison.Ordinal);
        var unknownVm = await RunAsync(config, ct, "ha", "resource", "relocate", "vm:388", node);
        Assert.NotEqual(0, unknownVm.Exit);
        Assert.Contains("no such resource 'vm:388'", unknownVm.Output, StringComparison.Ordinal);
        await AssertRunsAsync(config, ct, "ha", "resource", "migrate", "vm:384", node);
        var status = await RunAsync(config, ct, "ha", "status");
        Assert.True(status.Exit == 0, status.Output);
        Assert.Contains(status.Output.Split('\n'), l => l.Contains("service:vm:384", StringComparison.Ordinal));
        Assert.Contains(status.Output.Split('\n'), l => l.TrimStart().StartsWith("quorum", StringComparison.Ordinal));

        var listed = await RunAsync(config, ct, "--output", "json", "ha", "resource", "list");
        Assert.True(listed.Exit == 0, listed.Output);
        var resource = Assert.Single(JsonNode.Parse(listed.Output)!.AsArray(), r => r!["sid"]!.GetValue<string>() == "vm:384")!;
        Assert.Equal(("stopped", "g-cli", 2), (resource["state"]!.GetValue<string>(), resource["group"]!.GetValue<string>(), resource["max_restart"]!.GetValue<int>()));
        var groups = await RunAsync(config, ct, "ha", "group", "list");
        Assert.Contains(groups.Output.Split('\n'), l => l.Contains("g-cli", StringComparison.Ordinal) && l.Contains($"{node}:2", StringComparison.Ordinal));

        var inUse = await RunAsync(config, ct, "ha", "group", "remove", "g-cli");
        Assert.NotEqual(0, inUse.Exit);
        Assert.Contains("ha group 'g-cli' is used by resource 'vm:384'", inUse.Output, StringComparison.Ordinal);
        await AssertRunsAsync(config, ct, "ha", "resource", "set", "vm:384", "--delete", "group");
        await AssertRunsAsync(config, ct, "ha", "group", "remove", "g-cli");
        await AssertRunsAsync(config, ct, "ha", "resource", "remove", "vm:384");

        await Fixtures.Vms.DestroyAsync(shared.Admin, node, 384, ct);
        (await shared.Admin.DeleteAsync("/storage/ha-cli", ct)).EnsureOk();
    }

    private static async Task AssertRunsAsync(string config, CancellationToken ct, params string[] args)
    {
        var result = await RunAsync(config, ct, args);
        Assert.True(result.Exit == 0, $"cord {string.Join(' ', args)}: {result.Output}");
    }

    private static Task<(int Exit, string Output)> RunAsync(string config, CancellationToken ct, params string[] args) =>
        Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, args);
}
