using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Two hypervisors n1 and n2 in one cluster "cephpair", each in its own namespace on a lab switch, each with a second
/// address on a Ceph cluster subnet of its own lab (<see cref="ClusterSubnet"/>) and one loop device for an OSD. The
/// test deploys Ceph over them through the API. Teardown stops both cordouands, kills every process using either
/// node's ceph.conf and detaches the loop devices, whatever state the test left, before the lab goes.
/// </summary>
public sealed class CephPairLab : IAsyncLifetime
{
    private readonly Dictionary<string, LoopDevice> _devices = [];

    public ClusterLab Lab { get; private set; } = null!;

    public string GuestImage { get; private set; } = "";

    /// <summary>The lab switch's subnet: the nodes' addresses and their Ceph public network.</summary>
    public string PublicSubnet => Lab.Lab.Subnet;

    /// <summary>A second subnet on the same switch for OSD replication (10.214.&lt;lab&gt;.0/24, only inside the lab).</summary>
    public string ClusterSubnet => $"10.214.{Lab.Lab.Index}.0/24";

    /// <summary>The device for <paramref name="node"/>'s OSD (3 GiB, sparse).</summary>
    public LoopDevice Device(string node) => _devices[node];

    /// <summary>The address of <paramref name="node"/> on <see cref="ClusterSubnet"/>.</summary>
    public string ClusterAddress(CordouandNode node) => $"10.214.{Lab.Lab.Index}.{node.Address.GetAddressBytes()[3]}";

    public static string Conf(CordouandNode node) => node.Data.Combine("ceph", "ceph.conf");

    public async ValueTask InitializeAsync()
    {
        Requirements.Ceph();
        Requirements.Qemu();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        GuestImage = await SharedNode.GuestImageAsync(timeout.Token);
        Lab = await ClusterLab.CreateAsync(timeout.Token);
        var n1 = await Lab.StartNodeAsync("n1", timeout.Token);
        var n2 = await Lab.StartNodeAsync("n2", timeout.Token);
        await Lab.CreateClusterAsync("cephpair", timeout.Token);
        await Lab.JoinAsync(n2, n1, timeout.Token);
        foreach (var node in new[] { n1, n2 })
        {
            await node.Host!.RunAsync(["ip", "addr", "add", ClusterAddress(node) + "/24", "dev", "eth0"], timeout.Token);
            _devices[node.NodeName] = await LoopDevice.CreateAsync(node.Data.Combine("osd.img"), 3L << 30, timeout.Token);
        }
    }

    /// <summary>Logs <c>cord</c> in to <paramref name="node"/> as the cluster's admin; returns the CLI config file for <see cref="Cord"/>.</summary>
    public async Task<string> LoginCordAsync(CordouandNode node, CancellationToken cancellationToken)
    {
        var config = node.Data.Combine("cord-ceph.json");
        var login = await Cord.RunAsync(config, TimeSpan.FromSeconds(90), cancellationToken, "login", "--server", node.BaseAddress.ToString(),
            "--user", "admin@pve", "--password-file", Lab.Nodes[0].Data.Combine("admin-password.in"), "--fingerprint", node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        if (Lab is not null)
        {
            // cordouands first, so no supervisor starts a daemon again while we stop them.
            foreach (var node in Lab.Nodes)
            {
                await node.StopAsync();
            }
            foreach (var node in Lab.Nodes)
            {
                await CephProcesses.KillUsingAsync(Conf(node));
            }
            foreach (var device in _devices.Values)
            {
                await device.DisposeAsync();
            }
            await Lab.DisposeAsync();
        }
    }
}
