using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Node.Ha;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

/// <summary>
/// Per-node traffic networks (<see cref="TrafficNetworks"/>), stored in etcd next to the node's interfaces. Any node
/// may read or set them; a node resolves its own values against its live addresses.
/// </summary>
public sealed partial class TrafficNetworkService(IClusterStore store, IHostNetwork network, ILogger<TrafficNetworkService> logger)
{
    private const string Name = "traffic";

    private DocumentCollection<TrafficNetworks> Documents(string node) =>
        new(store, ClusterKeys.NetworkPrefix(node), NodeNetworkJsonContext.Default.TrafficNetworks);

    public async Task<TrafficNetworks> GetAsync(string node, CancellationToken cancellationToken) =>
        (await Documents(node).FindAsync(Name, cancellationToken))?.Document ?? new TrafficNetworks();

    /// <summary>Sets the given kinds (kind → CIDR or address) and clears <paramref name="delete"/>; every bad value is reported at once.</summary>
    public async Task<TrafficNetworks> SetAsync(string node, IReadOnlyDictionary<string, string> set, IReadOnlyList<string> delete, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, value) in set)
        {
            if (!IsNetworkOrAddress(value))
            {
                errors[$"cordouan-net-{kind}"] = $"value '{value}' is not an IPv4 address or CIDR (e.g. 10.0.1.0/24)";
            }
        }
        foreach (var kind in delete.Where(k => !TrafficNetworks.Kinds.Contains(k)))
        {
            errors["delete"] = $"cannot delete '{kind}' (one of {string.Join(", ", TrafficNetworks.Kinds)})";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var documents = Documents(node);
        var current = await documents.FindAsync(Name, cancellationToken);
        var next = current?.Document ?? new TrafficNetworks();
        foreach (var (kind, value) in set)
        {
            next = next.With(kind, Normalize(value));
        }
        foreach (var kind in delete)
        {
            next = next.With(kind, null);
        }
        if (current is null)
        {
            if (!await documents.TryCreateAsync(Name, next, cancellationToken))
            {
                throw new ConfigConflictException();
            }
        }
        else
        {
            await documents.UpdateAsync(current, next, cancellationToken);
        }
        await WarnAsync(node, next, cancellationToken);
        return next;
    }

    /// <summary>
    /// Logs, as warnings, where <paramref name="node"/>'s API or etcd peer address lies outside its management or cluster
    /// network (<see cref="TrafficNetworkCheck"/>); at daemon start and on every change. Returns the warnings.
    /// </summary>
    public async Task<IReadOnlyList<string>> WarnAsync(string node, TrafficNetworks? networks, CancellationToken cancellationToken)
    {
        networks ??= await GetAsync(node, cancellationToken);
        if (await store.GetAsync(ClusterKeys.Node(node), cancellationToken) is not { } entry)
        {
            return [];
        }
        var warnings = TrafficNetworkCheck.Warnings(networks, JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.NodeDocument)!);
        foreach (var warning in warnings)
        {
            LogMisplaced(logger, node, warning);
        }
        return warnings;
    }

    /// <summary>
    /// This node's address for <paramref name="kind"/>: the value itself when it is an address, this node's address
    /// inside it when it is a CIDR, null when not set or when no interface of this node is in that network.
    /// </summary>
    public async Task<string?> ResolveLocalAsync(string node, string kind, CancellationToken cancellationToken)
    {
        var value = (await GetAsync(node, cancellationToken)).Get(kind);
        return value is null ? null : Resolve(value, await network.ListInterfacesAsync(cancellationToken));
    }

    /// <summary>The address <paramref name="value"/> designates among <paramref name="live"/> interfaces (see <see cref="ResolveLocalAsync"/>).</summary>
    public static string? Resolve(string value, IReadOnlyList<LiveInterface> live)
    {
        if (!value.Contains('/', StringComparison.Ordinal))
        {
            return value;
        }
        var subnet = Ipv4Subnet.TryParse(value)!;
        return live.SelectMany(l => l.Addresses)
            .Select(a => a.Split('/')[0])
            .FirstOrDefault(a => Ipv4Subnet.ParseAddress(a) is { } address && (address & subnet.Mask) == subnet.Network);
    }

    public static bool IsNetworkOrAddress(string value) =>
        value.Contains('/', StringComparison.Ordinal) ? Ipv4Subnet.TryParse(value) is not null : Ipv4Subnet.ParseAddress(value) is not null;

    /// <summary>A CIDR is stored as its network (<c>10.0.1.7/24</c> → <c>10.0.1.0/24</c>), an address as given.</summary>
    public static string Normalize(string value) =>
        value.Contains('/', StringComparison.Ordinal) ? Ipv4Subnet.TryParse(value)!.NetworkCidr : value;
}
