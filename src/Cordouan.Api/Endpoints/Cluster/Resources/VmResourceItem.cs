using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Cordouan.Core.Vms;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Live;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>One <c>qemu</c> item of <c>/cluster/resources</c>: the VM summary plus <c>id</c>, <c>type</c> and <c>node</c>.</summary>
public static class VmResourceItem
{
    /// <summary>The item as <see cref="VmProjection.Summary(VmDocument, VmRuntimeInfo?, DateTimeOffset)"/> makes it, with <paramref name="runtime"/> null for a VM not running here.</summary>
    public static JsonObject Build(VmDocument vm, VmRuntimeInfo? runtime, DateTimeOffset now) =>
        Build(vm, runtime is null ? VmLive.Stopped : VmLive.Running(runtime), now);

    /// <summary>The item of a VM as <paramref name="live"/> knows it (running, stopped or unknown).</summary>
    public static JsonObject Build(VmDocument vm, VmLive live, DateTimeOffset now)
    {
        var item = VmProjection.Summary(vm, live, now);
        item["id"] = $"qemu/{vm.VmId}";
        item["type"] = "qemu";
        item["node"] = vm.Owner;
        return item;
    }

    /// <summary>
    /// The item of a VM that no process runs for, as UTF-8 JSON; it depends on the document alone (no clock, no
    /// process), so it can be kept per document revision.
    /// </summary>
    public static byte[] SerializeWithoutRuntime(VmDocument vm)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Build(vm, runtime: null, DateTimeOffset.UnixEpoch).WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
