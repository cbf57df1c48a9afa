using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>
/// A cluster of two hypervisors n1 and n2 plus a witness w (so either hypervisor may go down without losing quorum),
/// each in its own network namespace, and the test guest image. Each test class fixture gets its own cluster.
/// </summary>
public abstract class WitnessedPairLab(string clusterName) : IAsyncLifetime
{
    public ClusterLab Lab { get; private set; } = null!;

    public string GuestImage { get; private set; } = "";

    public virtual async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        Requirements.Qemu();
        GuestImage = await SharedNode.GuestImageAsync(timeout.Token);
        Lab = await ClusterLab.CreateAsync(timeout.Token);
        var n1 = await Lab.StartNodeAsync("n1", timeout.Token);
        var n2 = await Lab.StartNodeAsync("n2", timeout.Token);
        var witness = await Lab.StartNodeAsync("w", timeout.Token, witness: true);
        await Lab.CreateClusterAsync(clusterName, timeout.Token);
        await Lab.JoinAsync(n2, n1, timeout.Token);
        using var http = await Lab.AdminAsync(n1, timeout.Token);
        var upid = (await http.PostAsync("/cluster/config/witness", new()
        {
            ["hostname"] = $"{witness.Address}:{witness.ApiPort}",
            ["fingerprint"] = witness.Fingerprint(),
            ["password"] = witness.AdminPassword,
        }, timeout.Token)).EnsureOk().Data!.GetValue<string>();
        var exit = await http.WaitForTaskAsync(upid, TimeSpan.FromMinutes(2), timeout.Token);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"adding the witness ended with '{exit}'");
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
