using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Compatibility;

/// <summary>The clients people already use, unmodified, against a real cordouand.</summary>
[Collection("node")]
public sealed class ClientCompatibilityTests(SharedNode shared)
{
    [Fact]
    public async Task Proxmoxer_CreateConfigureStartSnapshotCloneDelete_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exit, output) = await ClientScript.RunAsync(shared.Node, shared.GuestImage, 400, ["/usr/bin/python3", "proxmoxer_flow.py"], TimeSpan.FromMinutes(4), ct);
        Assert.True(exit == 0, $"proxmoxer flow failed ({exit}):\n{output}");
        Assert.Contains("proxmoxer flow OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsibleProxmoxKvm_CreateUpdateSnapshotCloneDelete_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exit, output) = await ClientScript.RunAsync(shared.Node, shared.GuestImage, 500, ["/usr/bin/ansible-playbook", "ansible_flow.yml"], TimeSpan.FromMinutes(6), ct);
        Assert.True(exit == 0, $"ansible flow failed ({exit}):\n{output}");
        Assert.Contains("failed=0", output, StringComparison.Ordinal);
    }
}
