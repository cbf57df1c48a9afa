using Cordouan.Core.Ids;
using Cordouan.Core.Vms.Migration;

namespace Cordouan.Core.Vms;

/// <summary>
/// Moving a running VM's drive onto another image, the optional part of a VM driver. The guest keeps running: its
/// writes go to both images while the copy runs, then the device switches to the new image and the old one is closed.
/// </summary>
public interface IVmDriveMover
{
    /// <summary>
    /// Mirrors drive <paramref name="target"/>.Id onto the image <paramref name="target"/> describes (an existing, empty
    /// image of the same size), then switches the guest device to it. At most <paramref name="bytesPerSecond"/> (0 = unlimited).
    /// On failure the guest stays on its old image and the new one is closed (the caller deletes it).
    /// </summary>
    Task MoveDriveAsync(VmId vmId, DriveSpec target, long bytesPerSecond, IProgress<MirrorProgress>? progress, CancellationToken cancellationToken);
}
