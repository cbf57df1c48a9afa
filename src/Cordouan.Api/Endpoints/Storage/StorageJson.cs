using System.Text.Json.Nodes;
using Cordouan.Core.Storage;

namespace Cordouan.Api.Endpoints.Storage;

/// <summary>Storage shapes of spec §6.</summary>
public static class StorageJson
{
    public static JsonObject Definition(StorageDefinition storage, string digest)
    {
        var item = new JsonObject
        {
            ["storage"] = storage.Id,
            ["type"] = storage.Type,
            ["content"] = string.Join(',', storage.Content),
            ["digest"] = digest,
        };
        if (storage.Path is not null)
        {
            item["path"] = storage.Path;
        }
        if (storage.Nodes.Count > 0)
        {
            item["nodes"] = string.Join(',', storage.Nodes);
        }
        if (storage.Shared || storage.Type == "rbd")
        {
            item["shared"] = 1;
        }
        if (storage.Disabled)
        {
            item["disable"] = 1;
        }
        if (storage.Format is not null)
        {
            item["format"] = storage.Format;
        }
        if (storage.Pool is not null)
        {
            item["pool"] = storage.Pool;
        }
        // The keyring is write-only, as in Proxmox.
        if (storage.MonHost is not null)
        {
            item["monhost"] = storage.MonHost;
        }
        if (storage.Username is not null)
        {
            item["username"] = storage.Username;
        }
        if (storage.Krbd)
        {
            item["krbd"] = 1;
        }
        return item;
    }

    public static JsonObject Status(StorageDefinition storage, StorageStatus status) => new()
    {
        ["storage"] = storage.Id,
        ["type"] = storage.Type,
        ["content"] = string.Join(',', storage.Content),
        ["active"] = status.Active ? 1 : 0,
        ["enabled"] = storage.Disabled ? 0 : 1,
        ["shared"] = storage.Shared || storage.Type == "rbd" ? 1 : 0,
        ["total"] = status.TotalBytes,
        ["used"] = status.UsedBytes,
        ["avail"] = status.AvailableBytes,
        ["used_fraction"] = status.TotalBytes == 0 ? 0 : (double)status.UsedBytes / status.TotalBytes,
    };

    public static JsonObject Volume(VolumeInfo volume)
    {
        var item = new JsonObject
        {
            ["volid"] = volume.Id.ToString(),
            ["content"] = volume.Content,
            ["format"] = volume.Format,
            ["size"] = volume.SizeBytes,
            ["used"] = volume.UsedBytes,
            ["ctime"] = volume.Created.ToUnixTimeSeconds(),
        };
        if (volume.Owner is { } owner)
        {
            item["vmid"] = owner.Value;
        }
        if (volume.Parent is { } parent)
        {
            item["parent"] = parent.ToString();
        }
        return item;
    }
}
