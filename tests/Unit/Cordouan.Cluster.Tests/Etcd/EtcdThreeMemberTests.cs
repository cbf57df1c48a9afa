using System.Text;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Cluster.Tests.Etcd;

/// <summary>A real three-member cluster of supervised members: failover while quorate, "no leader" once not.</summary>
[Trait("Requires", "etcd")]
public sealed class EtcdThreeMemberTests : IDisposable
{
    private readonly TempDirectory _directory = new("cordouan-etcd-cluster");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Store_MembersStoppedOneByOne_FailsOverThenReportsNoLeader()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(40));
        var names = new[] { "m1", "m2", "m3" };
        var peers = names.ToDictionary(n => n, _ => $"http://127.0.0.1:{PortAllocator.Next()}");
        var initialCluster = string.Join(",", names.Select(n => $"{n}={peers[n]}"));
        var members = names.Select(n => new EtcdMember(
            new EtcdMemberOptions
            {
                Name = n,
                DataDirectory = _directory.Combine(n, "data"),
                ClientUrl = $"http://127.0.0.1:{PortAllocator.Next()}",
                PeerUrl = peers[n],
                InitialCluster = initialCluster,
                StartTimeout = TimeSpan.FromSeconds(20),
                StopTimeout = TimeSpan.FromSeconds(5),
            },
            TimeProvider.System,
            NullLogger<EtcdMember>.Instance)).ToList();
        try
        {
            // A new cluster's members become healthy only together, once a quorum of them runs.
            await Task.WhenAll(members.Select(m => m.StartAsync(deadline.Token)));
            using var store = EtcdTestStores.Create([.. members.Select(m => m.ClientUrl)], TimeSpan.FromSeconds(3));
            await store.PutAsync("/three/a", Encoding.UTF8.GetBytes("1"), deadline.Token);

            await members[0].StopAsync(deadline.Token);
            var afterOne = await store.GetAsync("/three/a", deadline.Token);
            await members[1].StopAsync(deadline.Token);
            QuorumLostException? lost = null;
            await TestDeadline.WaitUntilAsync("the last member to notice it has no leader", async () =>
            {
                lost = await Record.ExceptionAsync(() => store.GetAsync("/three/a", deadline.Token)) as QuorumLostException;
                return (lost?.Message.Contains("no leader", StringComparison.Ordinal) == true, lost?.Message ?? "read succeeded");
            }, TimeSpan.FromSeconds(15));

            Assert.Equal("1", Encoding.UTF8.GetString(afterOne!.Value));
            Assert.Contains(members[2].ClientUrl, lost!.Message);
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StartAsync_PeersDown_KeepsMemberRunningWithoutQuorum()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(30));
        var peer = $"http://127.0.0.1:{PortAllocator.Next()}";
        await using var member = new EtcdMember(
            new EtcdMemberOptions
            {
                Name = "m1",
                DataDirectory = _directory.Combine("alone", "data"),
                ClientUrl = $"http://127.0.0.1:{PortAllocator.Next()}",
                PeerUrl = peer,
                InitialCluster = $"m1={peer},m2=http://127.0.0.1:{PortAllocator.Next()},m3=http://127.0.0.1:{PortAllocator.Next()}",
                StartTimeout = TimeSpan.FromSeconds(3),
            },
            TimeProvider.System,
            NullLogger<EtcdMember>.Instance);

        await member.StartAsync(deadline.Token);

        Assert.NotNull(member.ProcessId);
        Assert.False(await member.IsHealthyAsync(deadline.Token));
    }
}
