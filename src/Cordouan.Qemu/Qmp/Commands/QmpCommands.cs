using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Qmp.Protocol;

namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>One typed method per QMP command Cordouan uses.</summary>
public static class QmpCommands
{
    /// <summary><c>query-status</c>: the VM's run state.</summary>
    public static async Task<QmpStatusInfo> QueryStatusAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-status", null, cancellationToken);
        return Read(value, QmpJsonContext.Default.QmpStatusInfo, "query-status");
    }

    /// <summary><c>query-kvm</c>: whether this QEMU runs with KVM.</summary>
    public static async Task<QmpKvmInfo> QueryKvmAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-kvm", null, cancellationToken);
        return Read(value, QmpJsonContext.Default.QmpKvmInfo, "query-kvm");
    }

    /// <summary><c>query-block</c>: every block device with its medium.</summary>
    public static async Task<IReadOnlyList<QmpBlockDevice>> QueryBlockAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-block", null, cancellationToken);
        return Read(value, QmpJsonContext.Default.IReadOnlyListQmpBlockDevice, "query-block");
    }

    /// <summary><c>query-blockstats</c>: the I/O counters of every block backend.</summary>
    public static async Task<IReadOnlyList<QmpBlockStats>> QueryBlockStatsAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-blockstats", null, cancellationToken);
        return Read(value, QmpJsonContext.Default.IReadOnlyListQmpBlockStats, "query-blockstats");
    }

    /// <summary><c>cont</c>: resumes the vCPUs.</summary>
    public static Task ContAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("cont", null, cancellationToken);

    /// <summary><c>stop</c>: pauses the vCPUs (the process keeps running).</summary>
    public static Task StopAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("stop", null, cancellationToken);

    /// <summary><c>system_reset</c>: hard reset of the machine.</summary>
    public static Task SystemResetAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("system_reset", null, cancellationToken);

    /// <summary><c>system_powerdown</c>: presses the ACPI power button; the guest decides what to do.</summary>
    public static Task SystemPowerdownAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("system_powerdown", null, cancellationToken);

    /// <summary><c>quit</c>: QEMU exits at once. Succeeds also when QEMU closes the socket before replying.</summary>
    public static async Task QuitAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            await monitor.ExecuteAsync("quit", null, cancellationToken);
        }
        catch (QmpProtocolException)
        {
            // QEMU may close the socket before the reply reaches us: that is the quit we asked for.
        }
    }

    /// <summary><c>block_resize</c> of a block node to <paramref name="sizeBytes"/>.</summary>
    public static Task BlockResizeAsync(this QmpMonitor monitor, string nodeName, long sizeBytes, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("block_resize", new JsonObject { ["node-name"] = nodeName, ["size"] = sizeBytes }, cancellationToken);

    /// <summary><c>blockdev-snapshot-internal-sync</c>: an internal (qcow2) snapshot of one node.</summary>
    public static Task BlockdevSnapshotInternalSyncAsync(this QmpMonitor monitor, string device, string name, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("blockdev-snapshot-internal-sync", new JsonObject { ["device"] = device, ["name"] = name }, cancellationToken);

    /// <summary><c>blockdev-snapshot-delete-internal-sync</c>: deletes an internal snapshot by name.</summary>
    public static Task BlockdevSnapshotDeleteInternalSyncAsync(this QmpMonitor monitor, string device, string name, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("blockdev-snapshot-delete-internal-sync", new JsonObject { ["device"] = device, ["name"] = name }, cancellationToken);

    /// <summary><c>set_link</c>: plugs or unplugs a NIC's virtual cable.</summary>
    public static Task SetLinkAsync(this QmpMonitor monitor, string name, bool up, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("set_link", new JsonObject { ["name"] = name, ["up"] = up }, cancellationToken);

    /// <summary><c>netdev_add</c>: a network backend (<c>type</c>, <c>id</c> and the backend's own options).</summary>
    public static Task NetdevAddAsync(this QmpMonitor monitor, JsonObject arguments, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("netdev_add", arguments, cancellationToken);

    /// <summary><c>netdev_del</c>.</summary>
    public static Task NetdevDelAsync(this QmpMonitor monitor, string id, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("netdev_del", new JsonObject { ["id"] = id }, cancellationToken);

    /// <summary><c>device_add</c>: a device (<c>driver</c>, <c>id</c> and its properties).</summary>
    public static Task DeviceAddAsync(this QmpMonitor monitor, JsonObject arguments, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("device_add", arguments, cancellationToken);

    /// <summary><c>device_del</c>: asks the guest to release the device; it disappears once the guest has.</summary>
    public static Task DeviceDelAsync(this QmpMonitor monitor, string id, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("device_del", new JsonObject { ["id"] = id }, cancellationToken);

    /// <summary>True while a device with that id exists (<c>qom-get</c> of its type under <c>/machine/peripheral</c>).</summary>
    public static async Task<bool> DeviceExistsAsync(this QmpMonitor monitor, string id, CancellationToken cancellationToken)
    {
        try
        {
            await monitor.ExecuteAsync("qom-get", new JsonObject { ["path"] = "/machine/peripheral/" + id, ["property"] = "type" }, cancellationToken);
            return true;
        }
        catch (QmpException e) when (e.ErrorClass == "DeviceNotFound" || e.Description.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary><c>human-monitor-command</c>: runs an HMP command line and returns its text output.</summary>
    public static async Task<string> HumanMonitorCommandAsync(this QmpMonitor monitor, string commandLine, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("human-monitor-command", new JsonObject { ["command-line"] = commandLine }, cancellationToken);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
    }

    internal static T Read<T>(JsonElement value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string command)
    {
        try
        {
            return value.Deserialize(typeInfo) ?? throw new QmpProtocolException($"QMP command {command} returned null");
        }
        catch (JsonException e)
        {
            throw new QmpProtocolException($"Unexpected reply to QMP command {command}: {e.Message}", e);
        }
    }
}
