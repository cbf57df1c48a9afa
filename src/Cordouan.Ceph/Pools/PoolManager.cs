using System.Globalization;
using Cordouan.Ceph.Config;
using Cordouan.Ceph.Json;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Pools;

/// <summary>Replicated pools: list with usage, create, delete.</summary>
public sealed class PoolManager(CephContext context)
{
    public async Task<IReadOnlyList<CephPoolInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var details = await context.Tools.CephJsonAsync(["osd", "pool", "ls", "detail"], CephJsonContext.Default.IReadOnlyListCephPoolDetail, cancellationToken);
        var df = await context.Tools.CephJsonAsync(["df"], CephJsonContext.Default.CephDf, cancellationToken);
        var rules = await context.Tools.CephJsonAsync(["osd", "crush", "rule", "dump"], CephJsonContext.Default.IReadOnlyListCephCrushRule, cancellationToken);
        return Merge(details, df, rules);
    }

    /// <summary>Pure join of the three outputs (unit tested).</summary>
    internal static IReadOnlyList<CephPoolInfo> Merge(IReadOnlyList<CephPoolDetail> details, CephDf df, IReadOnlyList<CephCrushRule> rules) =>
        details.Select(p =>
        {
            var stats = df.Pools.FirstOrDefault(u => u.Name == p.PoolName)?.Stats;
            return new CephPoolInfo
            {
                Id = p.PoolId,
                Name = p.PoolName,
                Size = p.Size,
                MinSize = p.MinSize,
                PgNum = p.PgNum,
                CrushRule = p.CrushRule,
                CrushRuleName = rules.FirstOrDefault(r => r.RuleId == p.CrushRule)?.RuleName,
                AutoscaleMode = p.PgAutoscaleMode,
                Applications = [.. p.ApplicationMetadata.Keys.Order(StringComparer.Ordinal)],
                BytesUsed = stats?.BytesUsed ?? 0,
                PercentUsed = stats?.PercentUsed ?? 0,
            };
        }).ToList();

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        await context.LoadAsync(cancellationToken);
        var names = await context.Tools.CephJsonAsync(["osd", "pool", "ls"], CephJsonContext.Default.IReadOnlyListString, cancellationToken);
        return names.Contains(name);
    }

    public async Task CheckCreateAsync(string name, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(name, cancellationToken))
        {
            throw new ValidationException("name", $"pool '{name}' already exists; nothing was changed");
        }
    }

    public async Task CreateAsync(CephPoolSpec spec, CephStepLog log, CancellationToken cancellationToken)
    {
        await CheckCreateAsync(spec.Name, cancellationToken);
        var tree = await context.Tools.CephJsonAsync(["osd", "df", "tree"], CephJsonContext.Default.CephOsdDfTree, cancellationToken);
        var osds = tree.Nodes.Count(n => n.Type == "osd");
        if (spec.Size > osds)
        {
            log.Warn($"pool size {spec.Size} is larger than the number of OSDs ({osds}): its placement groups stay undersized until {spec.Size - osds} more OSD(s) exist");
        }
        var pgs = spec.PgNum.ToString(CultureInfo.InvariantCulture);
        log.Info($"creating pool '{spec.Name}' ({pgs} PGs, size {spec.Size}, min_size {spec.MinSize})");
        await context.Tools.CephAsync(["osd", "pool", "create", spec.Name, pgs, pgs, "replicated"], cancellationToken);
        await Set(spec.Name, "size", spec.Size.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await Set(spec.Name, "min_size", spec.MinSize.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await Set(spec.Name, "pg_autoscale_mode", spec.AutoscaleMode, cancellationToken);
        log.Info($"enabling application '{spec.Application}'");
        await context.Tools.CephAsync(["osd", "pool", "application", "enable", spec.Name, spec.Application], cancellationToken);
    }

    public async Task CheckExistsAsync(string name, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(name, cancellationToken))
        {
            throw new ValidationException("name", $"no such pool '{name}'");
        }
    }

    public async Task DestroyAsync(string name, CephStepLog log, CancellationToken cancellationToken)
    {
        await CheckExistsAsync(name, cancellationToken);
        log.Info($"deleting pool '{name}' and its data");
        await context.Tools.CephAsync(["osd", "pool", "rm", name, name, "--yes-i-really-really-mean-it"], cancellationToken);
    }

    // Ceph asks for confirmation before a size change it deems risky (size 1); the caller asked for it explicitly.
    private Task<string> Set(string pool, string key, string value, CancellationToken cancellationToken) =>
        key == "size"
            ? context.Tools.CephAsync(["osd", "pool", "set", pool, key, value, "--yes-i-really-mean-it"], cancellationToken)
            : context.Tools.CephAsync(["osd", "pool", "set", pool, key, value], cancellationToken);
}
