using System.Text;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Node.Ha;

namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>
/// The cluster's external metric servers in etcd (<see cref="ClusterKeys.MetricServersPrefix"/>), created, changed
/// and removed with compare-and-swap; a server's token lives under its own key, written and deleted with it, and is
/// read only by the sender.
/// </summary>
public sealed class MetricServerRepository(IClusterStore store)
{
    private readonly DocumentCollection<MetricServerDocument> _servers = new(store, ClusterKeys.MetricServersPrefix, MetricServerJsonContext.Default.MetricServerDocument);

    public Task<IReadOnlyList<VersionedDocument<MetricServerDocument>>> ListAsync(CancellationToken cancellationToken) => _servers.ListAsync(cancellationToken);

    public async Task<VersionedDocument<MetricServerDocument>> GetAsync(string id, CancellationToken cancellationToken) =>
        await _servers.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"status server entry '{id}' does not exist");

    public async Task CreateAsync(MetricServerDocument server, string? token, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            await store.PutAsync(ClusterKeys.MetricServerToken(server.Id), Encoding.UTF8.GetBytes(token), cancellationToken);
        }
        if (!await _servers.TryCreateAsync(server.Id, server, cancellationToken))
        {
            throw new AlreadyExistsException($"Metric server '{server.Id}' already exists");
        }
    }

    /// <summary>Writes <paramref name="next"/> over <paramref name="current"/>; a token given replaces the stored one, <paramref name="deleteToken"/> removes it.</summary>
    public async Task UpdateAsync(VersionedDocument<MetricServerDocument> current, MetricServerDocument next, string? token, bool deleteToken, CancellationToken cancellationToken)
    {
        await _servers.UpdateAsync(current, next, cancellationToken);
        if (token is not null)
        {
            await store.PutAsync(ClusterKeys.MetricServerToken(next.Id), Encoding.UTF8.GetBytes(token), cancellationToken);
        }
        else if (deleteToken)
        {
            await store.DeleteAsync(ClusterKeys.MetricServerToken(next.Id), cancellationToken);
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var current = await GetAsync(id, cancellationToken);
        if (!await _servers.TryDeleteAsync(current, cancellationToken))
        {
            throw new ConfigConflictException();
        }
        await store.DeleteAsync(ClusterKeys.MetricServerToken(id), cancellationToken);
    }

    /// <summary>The server's token, for the sender only.</summary>
    public async Task<string?> TokenAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(ClusterKeys.MetricServerToken(id), cancellationToken) is { } entry ? Encoding.UTF8.GetString(entry.Value) : null;
}
