using System.Text.Json;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Json;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

public sealed class ClusterStatusViewTests
{
    private const string ThreeNodes = """
        [
          {"type":"cluster","id":"cluster","name":"prod","nodes":3,"version":7,"quorate":1,"witness":"w1"},
          {"type":"node","id":"node/n1","name":"n1","nodeid":1,"ip":"10.0.0.1","local":1,"online":1,"leader":1,"witness":0,"cordouan-net-ceph-public":"10.9.0.0/24","cordouan-net-migration":"10.8.0.0/24"},
          {"type":"node","id":"node/w1","name":"w1","nodeid":3,"ip":"10.0.0.3","local":0,"online":1,"witness":1},
          {"type":"node","id":"node/n2","name":"n2","nodeid":2,"ip":"10.0.0.2","local":0,"online":0,"maintenance":1}
        ]
        """;

    [Fact]
    public void From_ClusterWithWitness_HeaderCountsNodesVotesAndNamesWitness()
    {
        var view = ClusterStatusView.From(Parse(ThreeNodes));

        Assert.Equal("Cluster prod: quorate yes, 2/3 nodes online, votes 2/3 (quorum 2), witness w1", view.Header);
        Assert.Empty(view.Warnings);
        Assert.Null(view.StaleNote);
    }

    [Fact]
    public void From_Nodes_RowsSortedByNameWithFlags()
    {
        var view = ClusterStatusView.From(Parse(ThreeNodes));

        Assert.Equal(["NODE", "ID", "IP", "ONLINE", "LEADER", "WITNESS", "MAINT", "LOCAL", "NETWORKS"], ClusterStatusView.Columns);
        Assert.Equal(3, view.Rows.Count);
        Assert.Equal(["n1", "1", "10.0.0.1", "yes", "*", "", "", "*", "migration=10.8.0.0/24 ceph-public=10.9.0.0/24"], view.Rows[0]);
        Assert.Equal(["n2", "2", "10.0.0.2", "no", "", "", "*", "", null], view.Rows[1]);
        Assert.Equal(["w1", "3", "10.0.0.3", "yes", "", "*", "", "", null], view.Rows[2]);
    }

    [Fact]
    public void From_WarningsAndStaleItems_AreAllReportedOnce()
    {
        const string text = """
            [
              {"type":"cluster","id":"cluster","name":"duo","nodes":2,"quorate":0,"stale":1,"warning":"two nodes without a witness: losing either one stops the cluster"},
              {"type":"node","id":"node/a","name":"a","local":1,"online":1,"stale":1,"warning":"two nodes without a witness: losing either one stops the cluster"},
              {"type":"node","id":"node/b","name":"b","online":0,"warning":"b: clock skew 3 s"}
            ]
            """;

        var view = ClusterStatusView.From(Parse(text));

        Assert.Equal(["two nodes without a witness: losing either one stops the cluster", "b: clock skew 3 s"], view.Warnings);
        Assert.Equal("NOTE: a has no quorum: this is its last known state, which may be out of date.", view.StaleNote);
        Assert.StartsWith("Cluster duo: quorate no, 1/2 nodes online, votes 1/2 (quorum 2)", view.Header, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NodeNetworkWarnings_ListedWithTheNodeName()
    {
        var view = ClusterStatusView.From(Parse("""[{"type":"node","id":"node/n1","name":"n1","local":1,"online":1,"nodeid":0,"cordouan-net-warnings":["API address 10.0.0.1 is outside the management network 10.5.0.0/24: restart"]}]"""));

        Assert.Equal(["node n1: API address 10.0.0.1 is outside the management network 10.5.0.0/24: restart"], view.Warnings);
    }

    [Fact]
    public void From_NoClusterItem_SaysStandalone()
    {
        var view = ClusterStatusView.From(Parse("""[{"type":"node","id":"node/n1","name":"n1","local":1,"online":1,"nodeid":0}]"""));

        Assert.StartsWith("Standalone node", view.Header, StringComparison.Ordinal);
        Assert.Single(view.Rows);
    }

    private static IReadOnlyList<ClusterStatusItem> Parse(string json) =>
        JsonSerializer.Deserialize(json, ContractsJsonContext.Default.IReadOnlyListClusterStatusItem)!;
}
