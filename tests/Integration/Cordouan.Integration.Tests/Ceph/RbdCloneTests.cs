using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>Templates on rbd: linked clones (RBD clones of the protected <c>__base__</c> snapshot) and full clones, booted for real.</summary>
[Collection("ceph")]
public sealed class RbdCloneTests(CephCluster cluster)
{
    private const int Template = 460;
    private readonly RbdLab _lab = new(cluster);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Template_LinkedClonesInParallelAndFullClone_AllBootFromTheTemplateAndDestroyFreesEveryImage()
    {
        await _lab.EnsureStorageAsync(Ct);
        await _lab.CreateGuestAsync(Template, RbdLab.Storage, Ct);
        await _lab.StartAndWaitForHeartbeatAsync(Template, 3, Ct);
        await Fixtures.Vms.StopAsync(cluster.Admin, "node1", Template, Ct);
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", Template, "/template"), null, Ct);
        Assert.Equal($"{RbdLab.Storage}:base-{Template}-disk-0", await _lab.DiskAsync(Template, "scsi0", Ct));
        var baseSnapshots = await _lab.RbdAsync(Ct, "snap", "ls", "--format", "json", $"{RbdLab.Storage}/base-{Template}-disk-0");
        Assert.Contains("\"name\":\"__base__\",", baseSnapshots, StringComparison.Ordinal);
        Assert.Contains("\"protected\":\"true\"", baseSnapshots, StringComparison.Ordinal);

        int[] linked = [461, 462, 463, 464, 465];
        await Task.WhenAll(linked.Select(id => _lab.CloneAsync(Template, id, full: false, Ct)));
        foreach (var id in linked)
        {
            Assert.Equal($"{RbdLab.Storage}:base-{Template}-disk-0/vm-{id}-disk-0", await _lab.DiskAsync(id, "scsi0", Ct));
            var parent = JsonNode.Parse(await _lab.RbdAsync(Ct, "info", "--format", "json", $"{RbdLab.Storage}/vm-{id}-disk-0"))!["parent"]!;
            Assert.Equal(($"base-{Template}-disk-0", "__base__"), (parent["image"]!.GetValue<string>(), parent["snapshot"]!.GetValue<string>()));
        }
        await _lab.CloneAsync(Template, 466, full: true, Ct);
        Assert.Equal($"{RbdLab.Storage}:vm-466-disk-0", await _lab.DiskAsync(466, "scsi0", Ct));
        Assert.Null(JsonNode.Parse(await _lab.RbdAsync(Ct, "info", "--format", "json", $"{RbdLab.Storage}/vm-466-disk-0"))!["parent"]);

        // Every clone starts from the counter the template's guest wrote, so none boots from an empty disk.
        var ups = await Task.WhenAll(linked.Append(466).Select(id => _lab.StartAndWaitForHeartbeatAsync(id, 3, Ct)));
        Assert.All(ups, up => Assert.DoesNotContain("start=0 ", up, StringComparison.Ordinal));

        var refused = (await cluster.Admin.DeleteAsync(Fixtures.Vms.Path("node1", Template), Ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await _lab.WaitForTaskAsync(refused, Ct);
        Assert.Contains("base volume is still used by linked clones", exit, StringComparison.Ordinal);
        Assert.Contains($"{RbdLab.Storage}:base-{Template}-disk-0/vm-461-disk-0", exit, StringComparison.Ordinal);
        Assert.Equal($"{RbdLab.Storage}:base-{Template}-disk-0", await _lab.DiskAsync(Template, "scsi0", Ct));

        await Task.WhenAll(linked.Append(466).Select(async id =>
        {
            await Fixtures.Vms.StopAsync(cluster.Admin, "node1", id, Ct);
            await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", id, Ct);
        }));
        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", Template, Ct);
        var left = await _lab.ImagesAsync(Ct);
        Assert.DoesNotContain(left, i => i.Contains($"-{Template}-", StringComparison.Ordinal) || linked.Append(466).Any(id => i.Contains($"-{id}-", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Fifty linked clones of one rbd template at once (ten on dir/qcow2) all succeed with no lock error, each an RBD
    /// child of the template's <c>__base__</c> snapshot; the timings are reported, not asserted.
    /// </summary>
    [Fact]
    public async Task LinkedClones_FiftyInParallelOnRbdTenOnDir_AllSucceedAsChildrenOfTheTemplate()
    {
        await _lab.EnsureStorageAsync(Ct);
        await Task.WhenAll(_lab.CreateGuestAsync(480, RbdLab.Storage, Ct), _lab.CreateGuestAsync(490, "local", Ct));
        await Task.WhenAll(
            cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", 480, "/template"), null, Ct),
            cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", 490, "/template"), null, Ct));

        var rbdIds = Enumerable.Range(600, 53).ToList();
        var dirIds = Enumerable.Range(520, 13).ToList();
        var rbd = await TimeClonesAsync(480, rbdIds[0], parallel: 50);
        var dir = await TimeClonesAsync(490, dirIds[0], parallel: 10);

        foreach (var id in rbdIds)
        {
            Assert.Equal($"{RbdLab.Storage}:base-480-disk-0/vm-{id}-disk-0", await _lab.DiskAsync(id, "scsi0", Ct));
        }
        var children = JsonNode.Parse(await _lab.RbdAsync(Ct, "children", "--format", "json", $"{RbdLab.Storage}/base-480-disk-0@__base__"))!
            .AsArray().Select(c => c!["image"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(rbdIds.Select(id => $"vm-{id}-disk-0").Order(StringComparer.Ordinal), children);
        foreach (var id in dirIds)
        {
            Assert.Equal($"local:490/base-490-disk-0.qcow2/{id}/vm-{id}-disk-0.qcow2", await _lab.DiskAsync(id, "scsi0", Ct));
        }
        var report = string.Create(CultureInfo.InvariantCulture,
            $"Linked clone through the API (request → task end): rbd {Format(rbd.Single)} one at a time, 50 in parallel {rbd.Parallel:0.000} s in all; " +
            $"dir qcow2 {Format(dir.Single)} one at a time, 10 in parallel {dir.Parallel:0.000} s in all");
        TestContext.Current.SendDiagnosticMessage(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        await Task.WhenAll(rbdIds.Concat(dirIds).Select(id => Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", id, Ct)));
        await Task.WhenAll(Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", 480, Ct), Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", 490, Ct));
        Assert.DoesNotContain(await _lab.ImagesAsync(Ct), i => i.Contains("-480-", StringComparison.Ordinal) || i.StartsWith("vm-6", StringComparison.Ordinal));
    }

    /// <summary>Three clones one after the other (seconds each), then <paramref name="parallel"/> at once (seconds until the last ends).</summary>
    private async Task<(double[] Single, double Parallel)> TimeClonesAsync(int template, int firstId, int parallel)
    {
        var single = new double[3];
        for (var i = 0; i < single.Length; i++)
        {
            single[i] = await _lab.CloneAsync(template, firstId + i, full: false, Ct);
        }
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(firstId + 3, parallel).Select(id => _lab.CloneAsync(template, id, full: false, Ct)));
        return (single, wall.Elapsed.TotalSeconds);
    }

    private static string Format(double[] seconds) => string.Join(" / ", seconds.Select(s => s.ToString("0.000 s", CultureInfo.InvariantCulture)));
}
