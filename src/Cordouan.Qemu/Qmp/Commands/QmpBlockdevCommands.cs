using System.Text.Json.Nodes;
using Cordouan.Core.Vms;
using Cordouan.Qemu.Qmp.Monitor;

namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>The QMP commands that add block nodes and finish block jobs (move_disk), one typed method each.</summary>
public static class QmpBlockdevCommands
{
    /// <summary><c>blockdev-add</c> of <paramref name="drive"/>'s image: a format node <paramref name="nodeName"/> over a protocol node <paramref name="fileNodeName"/>.</summary>
    public static Task BlockdevAddAsync(this QmpMonitor monitor, DriveSpec drive, string nodeName, string fileNodeName, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("blockdev-add", Options(drive, nodeName, fileNodeName), cancellationToken);

    /// <summary><c>block-job-complete</c>: a ready mirror switches the device to its target.</summary>
    public static Task BlockJobCompleteAsync(this QmpMonitor monitor, string jobId, CancellationToken cancellationToken) =>
        monitor.ExecuteAsync("block-job-complete", new JsonObject { ["device"] = jobId }, cancellationToken);

    /// <summary>
    /// The <c>blockdev-add</c> arguments that open a drive's image as the command line's <c>-blockdev</c> pair does
    /// (same cache and discard settings): a host file or device, or an RBD image through librbd.
    /// </summary>
    public static JsonObject Options(DriveSpec drive, string nodeName, string fileNodeName)
    {
        JsonObject file;
        if (drive.Rbd is { } rbd)
        {
            file = new JsonObject { ["driver"] = "rbd", ["pool"] = rbd.Pool, ["image"] = rbd.Image, ["conf"] = rbd.ConfPath, ["user"] = rbd.User };
        }
        else
        {
            var path = drive.Path ?? throw new ArgumentException($"drive {drive.Id} has no image", nameof(drive));
            file = new JsonObject { ["driver"] = path.StartsWith("/dev/", StringComparison.Ordinal) ? "host_device" : "file", ["filename"] = path };
        }
        file["node-name"] = fileNodeName;
        AddCommon(file, drive);
        var format = new JsonObject { ["driver"] = drive.Format, ["node-name"] = nodeName, ["file"] = file };
        AddCommon(format, drive);
        return format;
    }

    private static void AddCommon(JsonObject node, DriveSpec drive)
    {
        var direct = drive.Cache is "none" or "directsync";
        node["cache"] = new JsonObject { ["direct"] = direct, ["no-flush"] = drive.Cache == "unsafe" };
        node["read-only"] = drive.ReadOnly;
        node["discard"] = drive.Discard ? "unmap" : "ignore";
    }
}
