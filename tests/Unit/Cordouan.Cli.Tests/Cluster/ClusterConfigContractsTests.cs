using System.Text.Json;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Json;
using Cordouan.Contracts.Tasks;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

public sealed class ClusterConfigContractsTests
{
    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));

    [Fact]
    public void JoinCluster_Password_SendsPeerUserAndPasswordButNoToken()
    {
        var peer = new ClusterPeer { Hostname = "n1:8006", Fingerprint = Fingerprint, Username = "admin@pve", Password = "s3cret" };

        var request = ApiRequests.JoinCluster(peer, force: true);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("cluster/config/join", request.Path);
        Assert.Equal(
            [new("hostname", "n1:8006"), new("fingerprint", Fingerprint), new("password", "s3cret"), new("username", "admin@pve"), new KeyValuePair<string, string>("force", "1")],
            request.Parameters);
    }

    [Fact]
    public void AddWitness_Token_SendsTokenWithoutUsername()
    {
        var peer = new ClusterPeer { Hostname = "w1:8006", Fingerprint = Fingerprint, Username = "ignored@pve", Token = "root@pam!w=secret" };

        var request = ApiRequests.AddWitness(peer);

        Assert.Equal("cluster/config/witness", request.Path);
        Assert.Equal([new("hostname", "w1:8006"), new("fingerprint", Fingerprint), new KeyValuePair<string, string>("token", "root@pam!w=secret")], request.Parameters);
    }

    [Fact]
    public void MembershipRequests_PathsAndParameters_FollowTheApi()
    {
        Assert.Equal([new KeyValuePair<string, string>("clustername", "prod")], ApiRequests.CreateCluster("prod").Parameters);
        Assert.Equal("cluster/config/nodes/n%202", ApiRequests.DeleteClusterNode("n 2").Path);
        Assert.Empty(ApiRequests.DeleteClusterNode("n2").Parameters);
        Assert.Equal([new KeyValuePair<string, string>("force", "1")], ApiRequests.DeleteClusterNode("n2", force: true).Parameters);
        Assert.Equal(HttpMethod.Delete, ApiRequests.RemoveWitness().Method);
        Assert.Equal("cluster/config/leave", ApiRequests.LeaveCluster().Path);
        Assert.Equal([new KeyValuePair<string, string>("node", "n1")], ApiRequests.ClusterJoinInfo("n1").Parameters);
    }

    [Fact]
    public void ClusterPeer_ToString_HidesPasswordAndToken()
    {
        var peer = new ClusterPeer { Hostname = "n1:8006", Fingerprint = Fingerprint, Password = "pw-secret", Token = "a@pve!t=tok-secret" };

        Assert.DoesNotContain("pw-secret", peer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-secret", peer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterJoinInfo_PveShape_ReadsNodesTotemAndExtraKeys()
    {
        const string text = """
            {"nodelist":[{"name":"n1","nodeid":"1","pve_addr":"10.0.0.1","pve_fp":"AB:CD","quorum_votes":1,"ring0_addr":"10.1.0.1","witness":0},
                         {"name":"w1","nodeid":3,"quorum_votes":"1","witness":"1"}],
             "preferred_node":"n1","totem":{"cluster_name":"prod","config_version":"4","interface":{"0":{"linknumber":"0"}}},"config_digest":"abc"}
            """;

        var info = ApiRequests.ClusterJoinInfo().ReadData(JsonDocument.Parse(text).RootElement);

        Assert.Equal(2, info.NodeList.Count);
        Assert.Equal(1, info.NodeList[0].NodeId);
        Assert.Equal("AB:CD", info.NodeList[0].Fingerprint);
        Assert.False(info.NodeList[0].Witness);
        Assert.True(info.NodeList[1].Witness);
        Assert.Equal("prod", info.Totem!.ClusterName);
        Assert.Equal(4, info.Totem.ConfigVersion);
        Assert.True(info.Totem.Extra!.ContainsKey("interface"));
        Assert.Equal("abc", info.ConfigDigest);
    }

    [Fact]
    public void ClusterConfigNodes_ExtensionFields_AreRead()
    {
        const string text = """[{"node":"n1","nodeid":1,"quorum_votes":1,"ring0_addr":"10.1.0.1","pve_addr":"10.0.0.1:8006","witness":0,"online":1}]""";

        var node = Assert.Single(ApiRequests.ClusterConfigNodes().ReadData(JsonDocument.Parse(text).RootElement));

        Assert.Equal("10.0.0.1:8006", node.ApiAddress);
        Assert.True(node.Online);
        Assert.False(node.Witness);
    }

    [Fact]
    public void ClusterStatusItem_Witness_IsANameOnTheClusterAndAFlagOnNodes()
    {
        const string text = """
            [{"type":"cluster","id":"cluster","name":"prod","witness":"w1","warning":"w","stale":0},
             {"type":"node","id":"node/w1","name":"w1","witness":1,"leader":"1"},
             {"type":"node","id":"node/n1","name":"n1","witness":0},
             {"type":"node","id":"node/n2","name":"n2"}]
            """;

        var items = JsonSerializer.Deserialize(text, ContractsJsonContext.Default.IReadOnlyListClusterStatusItem)!;

        Assert.Equal("w1", items[0].WitnessName);
        Assert.False(items[0].IsWitness);
        Assert.Equal("w", items[0].Warning);
        Assert.False(items[0].Stale);
        Assert.True(items[1].IsWitness);
        Assert.True(items[1].Leader);
        Assert.Null(items[1].WitnessName);
        Assert.False(items[2].IsWitness);
        Assert.False(items[3].IsWitness);
        var back = JsonSerializer.Serialize(items, ContractsJsonContext.Default.IReadOnlyListClusterStatusItem);
        Assert.Contains("\"witness\":\"w1\"", back, StringComparison.Ordinal);
        Assert.Contains("\"leader\":1", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("New admin password written to /etc/cordouan/admin-password.", "/etc/cordouan/admin-password")]
    [InlineData("Log in again as admin@pve with the password in /var/lib/cordouan/admin-password.", "/var/lib/cordouan/admin-password")]
    [InlineData("admin password file: '/var/lib/cordouan/admin.pw'", "/var/lib/cordouan/admin.pw")]
    [InlineData("Password for admin@pve is in (/root/cordouan-admin-password)", "/root/cordouan-admin-password")]
    public void TryFindPasswordFile_LineNamingTheFile_ReturnsThePath(string line, string expected)
    {
        TaskLogLine[] log = [new() { LineNumber = 1, Text = "leaving cluster prod via /usr/sbin/etcd" }, new() { LineNumber = 2, Text = line }];

        Assert.True(AdminPasswordHint.TryFindPasswordFile(log, out var path));
        Assert.Equal(expected, path);
    }

    [Fact]
    public void TryFindPasswordFile_NoPasswordLine_ReturnsFalse()
    {
        TaskLogLine[] log = [new() { LineNumber = 1, Text = "removed member from /cordouan/v1/nodes" }, new() { LineNumber = 2, Text = "password reset" }];

        Assert.False(AdminPasswordHint.TryFindPasswordFile(log, out _));
    }
}
