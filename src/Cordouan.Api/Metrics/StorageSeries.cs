using Cordouan.Node.Telemetry;

namespace Cordouan.Api.Metrics;

/// <summary>The per-storage families of <c>/metrics</c>, as this node sees each storage.</summary>
internal static class StorageSeries
{
    public static void Write(PrometheusText text, (string, string) node, IReadOnlyList<StorageFigures> storages)
    {
        text.Family("cordouan_storage_up", "gauge", "Whether a storage is active on this node");
        foreach (var s in storages)
        {
            text.Sample("cordouan_storage_up", s.Active ? 1 : 0, Labels(node, s));
        }
        text.Family("cordouan_storage_total_bytes", "gauge", "Size of a storage");
        foreach (var s in storages.Where(s => s.Active))
        {
            text.Sample("cordouan_storage_total_bytes", s.TotalBytes, Labels(node, s));
        }
        text.Family("cordouan_storage_used_bytes", "gauge", "Space used on a storage");
        foreach (var s in storages.Where(s => s.Active))
        {
            text.Sample("cordouan_storage_used_bytes", s.UsedBytes, Labels(node, s));
        }
    }

    private static (string, string)[] Labels((string, string) node, StorageFigures storage) =>
        [node, ("storage", storage.Storage), ("type", storage.Type)];
}
