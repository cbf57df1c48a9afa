using System.Text.Json.Nodes;
using Cordouan.Node.Ha;

namespace Cordouan.Api.Endpoints.Ha;

/// <summary>The HA shapes of spec §7: booleans as 0/1, optional keys absent when unset.</summary>
public static class HaJson
{
    /// <summary>
    /// One resource; <paramref name="groupExists"/> false adds Proxmox's <c>errors.group</c> (a group deleted under
    /// a resource that still names it).
    /// </summary>
    public static JsonObject Resource(VersionedDocument<HaResourceDocument> resource, bool groupExists = true)
    {
        var document = resource.Document;
        var item = new JsonObject
        {
            ["sid"] = document.Sid,
            ["type"] = "vm",
            ["state"] = document.State,
            ["max_restart"] = document.MaxRestart,
            ["max_relocate"] = document.MaxRelocate,
            ["failback"] = document.Failback ? 1 : 0,
            ["digest"] = resource.Digest,
        };
        if (document.Group is { } group)
        {
            item["group"] = group;
            if (!groupExists)
            {
                item["errors"] = new JsonObject { ["group"] = $"group '{group}' does not exist" };
            }
        }
        if (document.Comment is { } comment)
        {
            item["comment"] = comment;
        }
        return item;
    }

    public static JsonObject Group(VersionedDocument<HaGroupDocument> group)
    {
        var document = group.Document;
        var item = new JsonObject
        {
            ["group"] = document.Name,
            ["type"] = "group",
            ["nodes"] = HaGroupNodes.Format(document.Nodes),
            ["restricted"] = document.Restricted ? 1 : 0,
            ["nofailback"] = document.NoFailback ? 1 : 0,
            ["digest"] = group.Digest,
        };
        if (document.Comment is { } comment)
        {
            item["comment"] = comment;
        }
        return item;
    }
}
