using System.Collections.Concurrent;
using System.Globalization;
using Cordouan.Node.Hosting;

namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>
/// This node's history (never in etcd): one fixed-size file per series under <c>DATA/rrd</c> — <c>node.rrd</c>,
/// <c>vm/VMID.rrd</c>, <c>storage/ID.rrd</c> — opened on first use and kept open.
/// </summary>
public sealed class RrdStore(NodeIdentity identity, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RrdSeries>> _series = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.Combine(identity.DataDirectory, "rrd");

    public RrdSeries Node => Get("node.rrd", RrdSchemas.Node);

    public RrdSeries Vm(int vmid) => Get(Path.Combine("vm", vmid.ToString(CultureInfo.InvariantCulture) + ".rrd"), RrdSchemas.Vm);

    /// <summary>The series of storage <paramref name="id"/>, which must be a storage ID (letters, digits, '-', '_', '.').</summary>
    public RrdSeries Storage(string id)
    {
        if (id.Length == 0 || id.StartsWith('.') || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{id}' is not a storage ID", nameof(id));
        }
        return Get(Path.Combine("storage", id + ".rrd"), RrdSchemas.Storage);
    }

    public void Dispose()
    {
        foreach (var series in _series.Values.Where(s => s.IsValueCreated))
        {
            series.Value.Dispose();
        }
    }

    private RrdSeries Get(string relative, IReadOnlyList<RrdColumn> columns) =>
        _series.GetOrAdd(relative, r => new Lazy<RrdSeries>(() =>
        {
            var path = Path.Combine(Directory, r);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return RrdSeries.Open(path, columns, time.GetUtcNow());
        })).Value;
}
