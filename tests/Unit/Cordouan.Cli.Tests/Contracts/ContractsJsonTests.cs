using System.Text.Json;
using Cordouan.Client.Credentials;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Json;
using Cordouan.Contracts.Tasks;
using Xunit;

namespace Cordouan.Cli.Tests.Contracts;

public sealed class ContractsJsonTests
{
    private static ContractsJsonContext Json => ContractsJsonContext.Default;

    [Fact]
    public void Deserialize_NumbersSentAsStrings_AreTolerated()
    {
        const string text = """[{"id":"qemu/100","type":"qemu","vmid":"100","node":"n1","maxmem":"2147483648","cpu":"0.25","template":"1","uptime":12.0}]""";

        var item = Assert.Single(JsonSerializer.Deserialize(text, Json.IReadOnlyListClusterResource)!);

        Assert.Equal(100, item.VmId);
        Assert.Equal(2147483648L, item.MaxMem);
        Assert.Equal(0.25, item.Cpu);
        Assert.True(item.Template);
        Assert.Equal(12L, item.Uptime);
    }

    [Fact]
    public void Deserialize_BooleansAsZeroOne_AndSerializeBackAsIntegers()
    {
        const string text = """[{"type":"node","id":"node/n1","name":"n1","online":1,"local":0,"nodeid":1}]""";

        var items = JsonSerializer.Deserialize(text, Json.IReadOnlyListClusterStatusItem)!;

        Assert.True(items[0].Online);
        Assert.False(items[0].Local);
        var back = JsonSerializer.Serialize(items, Json.IReadOnlyListClusterStatusItem);
        Assert.Contains("\"online\":1", back, StringComparison.Ordinal);
        Assert.DoesNotContain("\"quorate\"", back, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_VersionWithExtraKeys_KeepsThem()
    {
        var version = JsonSerializer.Deserialize("""{"version":"8.4.1","release":"8.4","repoid":"abc","cordouan":"0.1.0"}""", Json.VersionInfo)!;

        Assert.Equal("8.4.1", version.Version);
        Assert.Equal("0.1.0", version.Extra!["cordouan"].GetString());
    }

    [Theory]
    [InlineData("""{"upid":"u","status":"running"}""", false, false)]
    [InlineData("""{"upid":"u","status":"stopped","exitstatus":"OK"}""", true, true)]
    [InlineData("""{"upid":"u","status":"stopped","exitstatus":"WARNINGS: 2"}""", true, true)]
    [InlineData("""{"upid":"u","status":"stopped","exitstatus":"VM 100 already running"}""", true, false)]
    public void TaskStatus_ExitStatus_DecidesSuccess(string text, bool finished, bool successful)
    {
        var status = JsonSerializer.Deserialize(text, Json.TaskStatusInfo)!;

        Assert.Equal(finished, status.IsFinished);
        Assert.Equal(successful, status.IsSuccessful);
    }

    [Fact]
    public void Deserialize_NonNumericString_FailsClearly()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""[{"id":"x","type":"qemu","vmid":"abc"}]""", Json.IReadOnlyListClusterResource));
    }

    [Fact]
    public void Credentials_ToString_NeverContainsSecrets()
    {
        var ticket = new TicketCredentials("root@pam", "PVE:root@pam:65A1B2C3::c2lnbmF0dXJl", "65A1B2C3:aG1hYw==");
        var token = new ApiTokenCredentials("root@pam!ci=3f9c1d2e-0000-4000-8000-000000000000");

        Assert.DoesNotContain("c2lnbmF0dXJl", ticket.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aG1hYw", ticket.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("3f9c1d2e", token.ToString(), StringComparison.Ordinal);
        Assert.Equal("root@pam!ci", token.TokenId);
        Assert.True(ticket.TryGetIssuedAt(out var issued));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x65A1B2C3), issued);
    }

    [Theory]
    [InlineData("root@pam")]
    [InlineData("root@pam!ci")]
    [InlineData("root@pam!ci=")]
    [InlineData("root!ci=secret")]
    public void ApiTokenCredentials_Malformed_Throws(string token)
    {
        Assert.Throws<FormatException>(() => new ApiTokenCredentials(token));
    }
}
