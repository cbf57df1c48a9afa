using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Qemu.Qmp.Monitor;

namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>The QMP commands of live migration (RAM and device state) and of disk mirroring over NBD, one typed method each.</summary>
public static class QmpMigrationCommands
{
    /// <summary><c>migrate-set-capabilities</c>.</summary>
    public static Task MigrateSetCapabilitiesAsync(this QmpMonitor monitor, IReadOnlyDictionary<string, bool> capabilities, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        foreach (var (name, state) in capabilities)
        {
            list.Add(new JsonObject { ["capability"] = name, ["state"] = state });
        }
        return monitor.ExecuteAsync("migrate-set-capabilities", new JsonObject { ["capabilities"] = list }, cancellationToken);
    }

    /// <summary><c>migrate-set-parameters</c> with the downtime limit (ms) and the bandwidth cap (bytes/s).</summary>
    public static Task MigrateSetParametersAsync(this QmpMonitor monitor, long downtimeLimitMs, long maxBandwidth, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("migrate-set-parameters", new JsonObject { ["downtime-limit"] = downtimeLimitMs, ["max-bandwidth"] = maxBandwidth }, cancellationToken);

    /// <summary><c>migrate</c>: starts sending to <paramref name="uri"/>; returns at once.</summary>
    public static Task MigrateAsync(this QmpMonitor monitor, string uri, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("migrate", new JsonObject { ["uri"] = uri }, cancellationToken);

    /// <summary><c>migrate-incoming</c>: a QEMU started with <c>-incoming defer</c> listens at <paramref name="uri"/>.</summary>
    public static Task MigrateIncomingAsync(this QmpMonitor monitor, string uri, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("migrate-incoming", new JsonObject { ["uri"] = uri }, cancellationToken);

    /// <summary><c>query-migrate</c>.</summary>
    public static async Task<QmpMigrationInfo> QueryMigrateAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-migrate", null, cancellationToken);
        return QmpCommands.Read(value, QmpJsonContext.Default.QmpMigrationInfo, "query-migrate");
    }

    /// <summary><c>migrate-start-postcopy</c>.</summary>
    public static Task MigrateStartPostcopyAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("migrate-start-postcopy", null, cancellationToken);

    /// <summary><c>migrate_cancel</c>.</summary>
    public static Task MigrateCancelAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("migrate_cancel", null, cancellationToken);

    /// <summary><c>nbd-server-start</c> on a TCP address.</summary>
    public static Task NbdServerStartAsync(this QmpMonitor monitor, string host, int port, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("nbd-server-start", new JsonObject
        {
            ["addr"] = new JsonObject { ["type"] = "inet", ["data"] = Inet(host, port) },
        }, cancellationToken);

    /// <summary><c>nbd-server-stop</c>.</summary>
    public static Task NbdServerStopAsync(this QmpMonitor monitor, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("nbd-server-stop", null, cancellationToken);

    /// <summary><c>block-export-add</c>: a writable NBD export of block node <paramref name="nodeName"/> named <paramref name="name"/>.</summary>
    public static Task BlockExportAddNbdAsync(this QmpMonitor monitor, string id, string nodeName, string name, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("block-export-add", new JsonObject
        {
            ["type"] = "nbd",
            ["id"] = id,
            ["node-name"] = nodeName,
            ["name"] = name,
            ["writable"] = true,
        }, cancellationToken);

    /// <summary><c>blockdev-add</c> of an NBD client node reading and writing export <paramref name="export"/>.</summary>
    public static Task BlockdevAddNbdAsync(this QmpMonitor monitor, string nodeName, string host, int port, string export, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("blockdev-add", new JsonObject
        {
            ["driver"] = "nbd",
            ["node-name"] = nodeName,
            ["server"] = Inet(host, port).Also("type", "inet"),
            ["export"] = export,
        }, cancellationToken);

    /// <summary><c>blockdev-del</c>.</summary>
    public static Task BlockdevDelAsync(this QmpMonitor monitor, string nodeName, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("blockdev-del", new JsonObject { ["node-name"] = nodeName }, cancellationToken);

    /// <summary><c>blockdev-mirror</c> (sync full) of <paramref name="device"/> into <paramref name="target"/>; <paramref name="speed"/> 0 = unlimited.</summary>
    public static Task BlockdevMirrorAsync(this QmpMonitor monitor, string jobId, string device, string target, long speed, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["job-id"] = jobId, ["device"] = device, ["target"] = target, ["sync"] = "full", ["auto-dismiss"] = true };
        if (speed > 0)
        {
            arguments["speed"] = speed;
        }
        return monitor.ExecuteAsync("blockdev-mirror", arguments, cancellationToken);
    }

    /// <summary><c>query-block-jobs</c>.</summary>
    public static async Task<IReadOnlyList<QmpBlockJob>> QueryBlockJobsAsync(this QmpMonitor monitor, CancellationToken cancellationToken)
    {
        var value = await monitor.ExecuteAsync("query-block-jobs", null, cancellationToken);
        return QmpCommands.Read(value, QmpJsonContext.Default.IReadOnlyListQmpBlockJob, "query-block-jobs");
    }

    /// <summary><c>block-job-cancel</c>; on a ready mirror this completes it with the target a point-in-time copy.</summary>
    public static Task BlockJobCancelAsync(this QmpMonitor monitor, string jobId, bool force, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("block-job-cancel", new JsonObject { ["device"] = jobId, ["force"] = force }, cancellationToken);

    private static JsonObject Inet(string host, int port) =>
        new() { ["host"] = host, ["port"] = port.ToString(CultureInfo.InvariantCulture) };

    private static JsonObject Also(this JsonObject value, string name, string text)
    {
        value[name] = text;
        return value;
    }
}
