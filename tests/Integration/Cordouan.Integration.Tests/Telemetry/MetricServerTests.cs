using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Cordouan.Integration.Tests.Telemetry;

/// <summary>Proxmox's <c>/cluster/metrics/server</c>: kept in the cluster, the token never read back, and InfluxDB lines sent over UDP.</summary>
public sealed partial class MetricServerTests(TelemetryNode fixture) : IClassFixture<TelemetryNode>
{
    [Fact]
    public async Task InfluxDbUdpServer_ReceivesWellFormedLinesOfNodeVmAndStorage_TokenNeverReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        (await fixture.Admin.PostAsync("/cluster/metrics/server/influx1", new()
        {
            ["type"] = "influxdb",
            ["server"] = "127.0.0.1",
            ["port"] = $"{port}",
            ["token"] = "s3cret-token",
            ["mtu"] = "1000",
        }, ct)).EnsureOk();
        try
        {
            var listed = (await fixture.Admin.GetAsync("/cluster/metrics/server", ct)).EnsureOk().Data!.AsArray();
            var item = Assert.Single(listed, s => s!["id"]!.GetValue<string>() == "influx1")!;
            Assert.Equal("influxdb", item["type"]!.GetValue<string>());
            Assert.Equal(port, item["port"]!.GetValue<int>());
            var read = (await fixture.Admin.GetAsync("/cluster/metrics/server/influx1", ct)).EnsureOk();
            Assert.DoesNotContain("s3cret-token", read.Body!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", read.Data!["server"]!.GetValue<string>());

            var lines = new List<string>();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(45));
            while (!(lines.Any(l => l.StartsWith("system,object=qemu,vmid=100,", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("system,object=nodes,", StringComparison.Ordinal))
                && lines.Any(l => l.StartsWith("system,object=storages,", StringComparison.Ordinal))))
            {
                var datagram = await listener.ReceiveAsync(deadline.Token);
                Assert.True(datagram.Buffer.Length <= 1000, $"a datagram of {datagram.Buffer.Length} bytes over an MTU of 1000");
                var text = Encoding.UTF8.GetString(datagram.Buffer);
                Assert.EndsWith("\n", text, StringComparison.Ordinal);
                lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            Assert.All(lines, line => Assert.Matches(LineProtocol(), line));
            var vm = lines.Last(l => l.StartsWith("system,object=qemu,vmid=100,", StringComparison.Ordinal));
            Assert.Contains($"nodename={fixture.Node.NodeName} ", vm, StringComparison.Ordinal);
            Assert.Contains("name=\"telemetry-vm\"", vm, StringComparison.Ordinal);
            Assert.Contains($"maxmem={TelemetryNode.VmMemory}", vm, StringComparison.Ordinal);
            Assert.Contains("status=\"stopped\"", vm, StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith($"system,object=storages,nodename={fixture.Node.NodeName},host=local ", StringComparison.Ordinal));
        }
        finally
        {
            (await fixture.Admin.DeleteAsync("/cluster/metrics/server/influx1", ct)).EnsureOk();
        }
        // Proxmox's read dies without a status code here: HTTP 500 with its text.
        var gone = await fixture.Admin.GetAsync("/cluster/metrics/server/influx1", ct);
        Assert.Equal(HttpStatusCode.InternalServerError, gone.Status);
        Assert.Equal("status server entry 'influx1' does not exist\n", gone.Message);
    }

    [Fact]
    public async Task Create_OptionOfAnotherTypeOrOpenTelemetry_RefusedNamingTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        var wrong = await fixture.Admin.PostAsync("/cluster/metrics/server/g1", new() { ["type"] = "graphite", ["server"] = "127.0.0.1", ["port"] = "2003", ["bucket"] = "b" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotNull(wrong.Error("bucket"));
        var otel = await fixture.Admin.PostAsync("/cluster/metrics/server/o1", new() { ["type"] = "opentelemetry", ["server"] = "127.0.0.1", ["port"] = "4318" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, otel.Status);
        Assert.NotNull(otel.Error("type"));
        Assert.DoesNotContain((await fixture.Admin.GetAsync("/cluster/metrics/server", ct)).EnsureOk().Data!.AsArray(), s => s!["id"]!.GetValue<string>() is "g1" or "o1");
    }

    /// <summary>measurement,tag=v[,tag=v]… field=value[,field=value]… timestamp — values numbers or quoted strings.</summary>
    [GeneratedRegex("""^system(,[a-z]+=[^ ,=]+)+ [a-z0-9_-]+=(-?[0-9.eE+-]+|"(?:[^"\\]|\\.)*")(,[a-z0-9_-]+=(-?[0-9.eE+-]+|"(?:[^"\\]|\\.)*"))* [0-9]{10}$""")]
    private static partial Regex LineProtocol();
}
