using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Cli;

/// <summary>The real `cord` binary against a real node: login, JSON output, tasks, and errors with non-zero exits.</summary>
[Collection("node")]
public sealed class CordCliTests(SharedNode shared)
{
    [Fact]
    public async Task Cord_LoginCreateListDelete_WorksAndErrorsExitNonZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = shared.Node.Data.Combine("cord.json");
        var passwordFile = shared.Node.Data.Combine("admin-password.in");
        var fingerprint = shared.Node.Fingerprint();

        var login = await RunAsync(config, ct, "login", "--server", shared.Node.BaseAddress.ToString(), "--user", "admin@pve", "--password-file", passwordFile, "--fingerprint", fingerprint);
        Assert.True(login.Exit == 0, login.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        Assert.DoesNotContain(shared.Node.AdminPassword, await File.ReadAllTextAsync(config, ct), StringComparison.Ordinal);

        var create = await RunAsync(config, ct, "vm", "create", "270", "--name", "fromcli", "--memory", "96", "--disk", "scsi0=local:0.01", "--net", "net0=virtio");
        Assert.True(create.Exit == 0, create.Output);
        Assert.Contains("TASK OK", create.Output, StringComparison.Ordinal);

        var list = await RunAsync(config, ct, "--output", "json", "vm", "list");
        Assert.True(list.Exit == 0, list.Output);
        var vm = JsonNode.Parse(list.Output)!.AsArray().Single(v => v!["vmid"]!.GetValue<int>() == 270)!;
        Assert.Equal("fromcli", vm["name"]!.GetValue<string>());

        var bad = await RunAsync(config, ct, "vm", "set", "270", "--set", "memory=4");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("memory", bad.Output, StringComparison.Ordinal);
        Assert.Contains("minimum value of 16", bad.Output, StringComparison.Ordinal);

        var missing = await RunAsync(config, ct, "vm", "start", "279");
        Assert.NotEqual(0, missing.Exit);

        var wrongPin = await RunAsync(shared.Node.Data.Combine("cord-wrong.json"), ct, "login", "--server", shared.Node.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", passwordFile, "--fingerprint", new string('A', 64));
        Assert.NotEqual(0, wrongPin.Exit);

        var delete = await RunAsync(config, ct, "vm", "delete", "270");
        Assert.True(delete.Exit == 0, delete.Output);
    }

    private static Task<(int Exit, string Output)> RunAsync(string config, CancellationToken ct, params string[] args) =>
        Fixtures.Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, args);
}
