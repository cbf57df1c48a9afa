using Cordouan.Integration.Tests.Cluster;
using Cordouan.Testing;
using Cordouan.Testing.Ceph;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// The storage-fencing tests' own cluster "harbd" (n1, n2 and a witness) and a real micro Ceph cluster listening on the
/// test process's address on the lab switch, so the nodes reach it from their namespaces and Ceph sees each node's
/// QEMU by that node's own address. Ceph stays reachable from a node cut off from the others (its storage network
/// survives), the case where only storage fencing stops a copy left running there from writing.
/// </summary>
public sealed class HaRbdLab() : WitnessedPairLab("harbd")
{
    public const string Storage = "harbd";

    public MicroCephCluster Ceph { get; private set; } = null!;

    public string Pool { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        if (Requirements.FindOnPath("ceph-osd") is null)
        {
            // The tests skip (Requirements.CephDaemons) rather than fail in the fixture.
            return;
        }
        await base.InitializeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Ceph = MicroCephCluster.ListeningOn(Lab.Lab.TestAddress);
        await Ceph.InitializeAsync();
        Pool = await Ceph.TakePoolAsync(timeout.Token);
        using var http = await Lab.AdminAsync(Lab["n1"], timeout.Token);
        (await http.PostAsync("/storage", new()
        {
            ["storage"] = Storage,
            ["type"] = "rbd",
            ["pool"] = Pool,
            ["monhost"] = Ceph.MonHost,
            ["keyring"] = Ceph.AdminKeyring,
        }, timeout.Token)).EnsureOk();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Ceph is not null)
        {
            await Ceph.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
