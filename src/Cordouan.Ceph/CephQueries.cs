using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Ceph.Config;
using Cordouan.Ceph.Json;
using Cordouan.Ceph.Pools;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph;

/// <summary><see cref="ICephCluster"/> over the <c>ceph</c> CLI of this node.</summary>
public sealed class CephQueries(CephContext context, PoolManager pools) : ICephCluster
{
    public async Task<JsonObject> StatusAsync(CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var text = await context.Tools.CephAsync(["status", "--format", "json"], cancellationToken);
        return JsonNode.Parse(text) as JsonObject ?? throw new CordouanException("Failed to read 'ceph status': not a JSON object");
    }

    public async Task<IReadOnlyList<CephMonInfo>> ListMonsAsync(CancellationToken cancellationToken)
    {
        var facts = await context.LoadAsync(cancellationToken);
        var dump = await context.Tools.CephJsonAsync(["mon", "dump"], CephJsonContext.Default.CephMonDump, cancellationToken);
        return ToMons(dump, facts);
    }

    internal static IReadOnlyList<CephMonInfo> ToMons(CephMonDump dump, CephClusterFacts facts) =>
        dump.Mons.Select(m => new CephMonInfo(
            m.Name, m.PublicAddr ?? "", facts.Mons.FirstOrDefault(f => f.Name == m.Name)?.Node, m.Rank, dump.Quorum.Contains(m.Rank))).ToList();

    public async Task<IReadOnlyList<CephMgrInfo>> ListMgrsAsync(CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var dump = await context.Tools.CephJsonAsync(["mgr", "dump"], CephJsonContext.Default.CephMgrDump, cancellationToken);
        var local = new HashSet<string>(LocalIds("mgr"), StringComparer.Ordinal);
        var items = new List<CephMgrInfo>();
        if (dump.ActiveName is { Length: > 0 } active)
        {
            items.Add(new CephMgrInfo(active, dump.ActiveAddr, local.Contains(active) ? context.Options.NodeName : null, true));
        }
        items.AddRange(dump.Standbys.Select(s => new CephMgrInfo(s.Name, null, local.Contains(s.Name) ? context.Options.NodeName : null, false)));
        return items;
    }

    public async Task<IReadOnlyList<CephOsdInfo>> ListOsdsAsync(CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        return ToOsds(await context.Tools.CephJsonAsync(["osd", "df", "tree"], CephJsonContext.Default.CephOsdDfTree, cancellationToken));
    }

    internal static IReadOnlyList<CephOsdInfo> ToOsds(CephOsdDfTree tree)
    {
        var hostOf = tree.Nodes.Where(n => n.Type == "host").SelectMany(h => h.Children.Select(c => (Child: c, Host: h.Name))).ToDictionary(p => p.Child, p => p.Host);
        return tree.Nodes.Where(n => n.Type == "osd").OrderBy(n => n.Id).Select(n => new CephOsdInfo(
            n.Id, hostOf.GetValueOrDefault(n.Id), n.Status == "up", n.Reweight > 0, n.CrushWeight, n.DeviceClass, n.Kb * 1024, n.KbUsed * 1024)).ToList();
    }

    public async Task SetOsdInAsync(int osdId, bool markIn, CancellationToken cancellationToken)
    {
        if (!(await ListOsdsAsync(cancellationToken)).Any(o => o.Id == osdId))
        {
            throw new ValidationException("osdid", $"no such OSD '{osdId}'");
        }
        await context.Tools.CephAsync(["osd", markIn ? "in" : "out", osdId.ToString(CultureInfo.InvariantCulture)], cancellationToken);
    }

    public Task<IReadOnlyList<CephPoolInfo>> ListPoolsAsync(CancellationToken cancellationToken) => pools.ListAsync(cancellationToken);

    public Task<bool> PoolExistsAsync(string name, CancellationToken cancellationToken) => pools.ExistsAsync(name, cancellationToken);

    public Task CreatePoolAsync(CephPoolSpec spec, CephStepLog log, CancellationToken cancellationToken) => pools.CreateAsync(spec, log, cancellationToken);

    public Task DestroyPoolAsync(string name, CephStepLog log, CancellationToken cancellationToken) => pools.DestroyAsync(name, log, cancellationToken);

    private IEnumerable<string> LocalIds(string type)
    {
        var root = context.Paths.DaemonRoot(type);
        return Directory.Exists(root) ? Directory.EnumerateDirectories(root, "ceph-*").Select(d => Path.GetFileName(d)["ceph-".Length..]) : [];
    }
}
