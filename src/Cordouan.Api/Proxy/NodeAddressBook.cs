using System.Collections.Concurrent;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Node;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Node name → API endpoint, read from the node documents in etcd and reused for a short while (no watch: an address
/// change is seen within <see cref="NodeProxyOptions.AddressCacheTime"/>). Only known nodes are cached, so requests for
/// made-up names cannot grow it.
/// </summary>
public sealed class NodeAddressBook(IClusterStore store, NodeProxyOptions options, TimeProvider time)
{
    private const int DefaultApiPort = 8006;

    private readonly ConcurrentDictionary<string, (NodeEndpoint Endpoint, long ReadAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>The node's endpoint, or null when no such node is a cluster member.</summary>
    public async ValueTask<NodeEndpoint?> FindAsync(string node, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(node, out var cached) && time.GetElapsedTime(cached.ReadAt) < options.AddressCacheTime)
        {
            return cached.Endpoint;
        }
        var entry = await store.GetAsync(ClusterKeys.Node(node), cancellationToken);
        if (entry is null)
        {
            _cache.TryRemove(node, out _);
            return null;
        }
        var document = JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.NodeDocument)!;
        // Source-generated JSON leaves a missing init property at 0, not at the record's default: documents written
        // before ApiPort existed mean Proxmox's port.
        var endpoint = new NodeEndpoint(document.Name, document.Address, document.ApiPort > 0 ? document.ApiPort : DefaultApiPort);
        _cache[node] = (endpoint, time.GetTimestamp());
        return endpoint;
    }
}
