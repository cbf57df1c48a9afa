using System.Net;
using Cordouan.Testing.Prometheus;
using Xunit;

namespace Cordouan.Integration.Tests.Telemetry;

/// <summary><c>/metrics</c>: Prometheus' text format with the node, VM, storage, task and etcd series; open to the allowed network, else Sys.Audit on /.</summary>
public sealed class MetricsEndpointTests(TelemetryNode fixture) : IClassFixture<TelemetryNode>
{
    [Fact]
    public async Task Metrics_FromAllowedAddress_ParsesAndCarriesTheVmSeries()
    {
        var ct = TestContext.Current.CancellationToken;
        using var allowed = fixture.Node.AnonymousFrom(IPAddress.Parse("127.0.0.3"));

        var families = await WaitForVmAsync(allowed, ct);

        var up = Assert.Single(families["cordouan_vm_up"].Samples, s => s.Labels["vmid"] == $"{TelemetryNode.VmId}");
        Assert.Equal(0, up.Value);
        Assert.Equal("telemetry-vm", up.Labels["name"]);
        Assert.Equal(fixture.Node.NodeName, up.Labels["node"]);
        Assert.Equal(TelemetryNode.VmMemory, Assert.Single(families["cordouan_vm_memory_max_bytes"].Samples).Value);
        Assert.Equal("counter", families["cordouan_vm_disk_write_bytes_total"].Type);
        Assert.Equal("counter", families["cordouan_vm_network_receive_bytes_total"].Type);
        Assert.True(Assert.Single(families["cordouan_node_memory_total_bytes"].Samples).Value > 0);
        Assert.True(Assert.Single(families["cordouan_node_uptime_seconds"].Samples).Value > 0);
        Assert.Contains(families["cordouan_storage_total_bytes"].Samples, s => s.Labels["storage"] == "local" && s.Value > 0);
        Assert.Equal(1, Assert.Single(families["cordouan_etcd_up"].Samples).Value);
        Assert.Equal("histogram", families["cordouan_ha_fence_wait_seconds"].Type);
        Assert.Equal(0, families["cordouan_ha_failovers_total"].Samples.Sum(s => s.Value));
        // The VM's creation was a task of this node, finished OK.
        Assert.Contains(families["cordouan_tasks_finished_total"].Samples, s => s.Labels["type"] == "qmcreate" && s.Labels["status"] == "ok" && s.Value >= 1);
    }

    [Fact]
    public async Task Metrics_OtherAddressWithoutCredentials_Unauthorized()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.Node.Anonymous();

        var (status, _, body) = await anonymous.GetTextAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("cordouan_", body, StringComparison.Ordinal);
        var (badToken, _, _) = await anonymous.GetTextAsync("/metrics", ct, authorization: "PVEAPIToken=root@pam!nope=00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, badToken);
    }

    [Fact]
    public async Task Metrics_UserWithoutSysAudit_ForbiddenAndAuditorServed()
    {
        var ct = TestContext.Current.CancellationToken;
        (await fixture.Admin.PostAsync("/access/users", new() { ["userid"] = "metrics-user@pve", ["password"] = "metrics-password" }, ct)).EnsureOk();
        (await fixture.Admin.PutAsync("/access/acl", new() { ["path"] = $"/vms/{TelemetryNode.VmId}", ["roles"] = "PVEVMAdmin", ["users"] = "metrics-user@pve" }, ct)).EnsureOk();
        using var user = fixture.Node.Anonymous();
        (await user.LoginAsync("metrics-user@pve", "metrics-password", ct)).EnsureOk();

        var (forbidden, _, _) = await user.GetTextAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);

        (await fixture.Admin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "PVEAuditor", ["users"] = "metrics-user@pve" }, ct)).EnsureOk();
        var (status, contentType, body) = await user.GetTextAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain; version=0.0.4", contentType, StringComparison.Ordinal);
        Assert.Contains("cordouan_etcd_up", PrometheusParser.Parse(body).Keys);
    }

    private static async Task<IReadOnlyDictionary<string, PrometheusFamily>> WaitForVmAsync(Testing.Daemon.PveHttp http, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var body = "";
        while (!deadline.IsCancellationRequested)
        {
            var (status, _, text) = await http.GetTextAsync("/metrics", ct);
            Assert.Equal(HttpStatusCode.OK, status);
            body = text;
            var families = PrometheusParser.Parse(text);
            if (families.TryGetValue("cordouan_vm_up", out var up) && up.Samples.Count > 0)
            {
                return families;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        Assert.Fail($"no VM series in /metrics within 60 s:\n{body}");
        return null!;
    }
}
