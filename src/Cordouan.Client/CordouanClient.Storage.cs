using Cordouan.Client.Requests;
using Cordouan.Contracts.Storage;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /nodes/{node}/storage</c>.</summary>
    public Task<IReadOnlyList<StorageItem>> ListNodeStorageAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.NodeStorage(node), cancellationToken);

    /// <summary><c>GET /nodes/{node}/storage/{storage}/content</c>, optionally filtered by content type and VM.</summary>
    public Task<IReadOnlyList<StorageContentItem>> ListStorageContentAsync(
        string node, string storage, string? content, int? vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.StorageContent(node, storage, content, vmid), cancellationToken);

    /// <summary><c>GET /storage</c>: the cluster-wide storage definitions.</summary>
    public Task<IReadOnlyList<StorageConfigItem>> ListStorageConfigAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.StorageConfig(), cancellationToken);
}
