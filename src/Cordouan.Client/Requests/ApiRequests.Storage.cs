using Cordouan.Contracts.Storage;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /nodes/{node}/storage</c>: storages as seen by one node, with usage.</summary>
    public static ApiRequest<IReadOnlyList<StorageItem>> NodeStorage(string node, string? content = null) =>
        Get($"nodes/{Segment(node)}/storage", Json.IReadOnlyListStorageItem, new RequestParameters().Add("content", content));

    /// <summary><c>GET /nodes/{node}/storage/{storage}/content</c>.</summary>
    public static ApiRequest<IReadOnlyList<StorageContentItem>> StorageContent(string node, string storage, string? content = null, int? vmid = null) =>
        Get($"nodes/{Segment(node)}/storage/{Segment(storage)}/content", Json.IReadOnlyListStorageContentItem,
            new RequestParameters().Add("content", content).Add("vmid", vmid));

    /// <summary><c>GET /storage</c>: the cluster-wide storage definitions.</summary>
    public static ApiRequest<IReadOnlyList<StorageConfigItem>> StorageConfig(string? type = null) =>
        Get("storage", Json.IReadOnlyListStorageConfigItem, new RequestParameters().Add("type", type));
}
