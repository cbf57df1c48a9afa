using System.Text;
using Cordouan.Node.Telemetry;
using Cordouan.Node.Telemetry.MetricServers;
using Xunit;

namespace Cordouan.Node.Tests.Telemetry.MetricServers;

public sealed class InfluxLineFormatterTests
{
    private static readonly TelemetrySnapshot Snapshot = new(
        DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
        new Dictionary<string, double> { ["cpu"] = 0.25, ["memtotal"] = 1024, ["iowait"] = double.NaN },
        [new VmFigures(100, "web \"one\"", true, new Dictionary<string, double> { ["cpu"] = 0.5, ["netin"] = 12345 })],
        [new StorageFigures("my store", "dir", true, 1000, 400)]);

    [Fact]
    public void Lines_Snapshot_ProxmoxShapeWithEscapesAndWithoutNaN()
    {
        var lines = InfluxLineFormatter.Lines("n1", Snapshot);

        string[] expected =
        [
            "system,object=nodes,host=n1 cpu=0.25,memtotal=1024 1800000000",
            "system,object=qemu,vmid=100,nodename=n1 cpu=0.5,name=\"web \\\"one\\\"\",netin=12345,status=\"running\" 1800000000",
            "system,object=storages,nodename=n1,host=my\\ store active=1,avail=600,total=1000,type=\"dir\",used=400 1800000000",
        ];
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Batches_OverLimit_SplitBetweenLinesNeverWithin()
    {
        string[] lines = ["aaaa", "bbbb", "cccc", new string('d', 20)];

        var batches = MetricServerSender.Batches(lines, 10).ToList();

        Assert.Equal(new[] { "aaaa\nbbbb\n", "cccc\n", new string('d', 20) + "\n" }, batches);
        Assert.All(batches.Take(2), b => Assert.True(Encoding.UTF8.GetByteCount(b) <= 10));
    }

    [Fact]
    public void WriteUrl_PrefixAndIpv6_ProxmoxV2WritePath()
    {
        Assert.Equal("https://influx.example:8086/api/v2/write?org=proxmox&bucket=b%201&precision=s",
            MetricServerSender.WriteUrl("https", "influx.example", 8086, null, "proxmox", "b 1").AbsoluteUri);
        Assert.Equal("http://[::1]:8086/influx/api/v2/write?org=o&bucket=b&precision=s",
            MetricServerSender.WriteUrl("http", "::1", 8086, "/influx/", "o", "b").AbsoluteUri);
    }
}
