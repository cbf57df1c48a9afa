using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Api.Endpoints.Cluster.Resources;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Telemetry;
using Cordouan.Node.Vms;
using VmFigures = Cordouan.Node.Telemetry.VmFigures;

namespace Cordouan.Api.Telemetry;

/// <summary>
/// The figures of this node's VMs read through <see cref="VmResourceItem.Build"/>, the projection <c>/cluster/resources</c>
/// serves: whatever that projection reports (CPU share, memory, byte counters) is what the history and metrics record.
/// </summary>
public sealed class ProjectedVmFigures(VmReadModel vms, IVmDriver driver, NodeIdentity identity, TimeProvider time) : IVmFigureSource
{
    /// <summary>The numeric fields of the projection that are recorded.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["cpu", "maxcpu", "mem", "maxmem", "disk", "maxdisk", "netin", "netout", "diskread", "diskwrite", "uptime"];

    public async Task<IReadOnlyList<VmFigures>> ReadLocalAsync(CancellationToken cancellationToken)
    {
        var figures = new List<VmFigures>();
        foreach (var vm in await vms.ListAsync(cancellationToken))
        {
            var document = vm.Document;
            if (document.Owner != identity.NodeName)
            {
                continue;
            }
            var runtime = await driver.GetAsync(document.Id, cancellationToken);
            var item = VmResourceItem.Build(document, runtime, time.GetUtcNow());
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var field in Fields)
            {
                if (Number(item[field]) is { } value)
                {
                    values[field] = value;
                }
            }
            figures.Add(new VmFigures(document.VmId, document.Name, runtime is not null, values));
        }
        return figures;
    }

    private static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }
        if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
        {
            return element.GetDouble();
        }
        return null;
    }
}
