using Cordouan.Core.Ids;
using Cordouan.Core.Vms;

namespace Cordouan.Node.Vms.Live;

/// <summary>The nodes whose live status is fresh, as one read of <see cref="ClusterLiveStatus"/> found them.</summary>
public sealed class LiveStatusView
{
    public static readonly LiveStatusView Empty = new(new Dictionary<string, FreshNode>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, FreshNode> _nodes;

    public LiveStatusView(IReadOnlyDictionary<string, FreshNode> nodes) => _nodes = nodes;

    /// <summary>The node's own figures, or null when it has not published recently.</summary>
    public NodeLiveFigures? Host(string node) => _nodes.TryGetValue(node, out var fresh) ? fresh.Document.Host : null;

    /// <summary>
    /// A VM of <paramref name="owner"/>: running (uptime as published, figures as sampled there), stopped when that node
    /// published recently without it, unknown when it did not publish recently.
    /// </summary>
    public VmLive Vm(string owner, int vmid, DateTimeOffset now)
    {
        if (!_nodes.TryGetValue(owner, out var fresh))
        {
            return VmLive.NotKnown;
        }
        if (!fresh.Vms.TryGetValue(vmid, out var entry))
        {
            return VmLive.Stopped;
        }
        var runtime = new VmRuntimeInfo(new VmId(vmid), entry.Pid, entry.State, now.AddSeconds(-entry.Uptime))
        {
            Figures = new VmFigures(entry.CpuCores, entry.Memory, entry.DiskRead, entry.DiskWrite, entry.NetIn, entry.NetOut),
        };
        return VmLive.Running(runtime);
    }

    /// <summary>One node's document with its VMs by id.</summary>
    public sealed record FreshNode(NodeLiveDocument Document, IReadOnlyDictionary<int, VmLiveEntry> Vms)
    {
        public static FreshNode Of(NodeLiveDocument document)
        {
            var vms = new Dictionary<int, VmLiveEntry>(document.Vms.Count);
            foreach (var vm in document.Vms)
            {
                vms[vm.VmId] = vm;
            }
            return new FreshNode(document, vms);
        }
    }
}
