using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// The node-to-node seam of offline migration: streams a volume into a peer's storage and takes it back. The peer
/// writes to a temporary file and renames it into place, so a volume either arrives whole or not at all; it refuses
/// to overwrite an existing volume (<see cref="Core.Errors.AlreadyExistsException"/>). Other refusals and transport
/// failures throw <see cref="Core.Errors.CordouanException"/> naming the node.
/// </summary>
public interface IVolumeTransfer
{
    /// <summary>Sends <paramref name="length"/> bytes of <paramref name="content"/> as <paramref name="volume"/> on <paramref name="targetNode"/>.</summary>
    Task<ReceivedVolume> SendAsync(string targetNode, VolumeId volume, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>Deletes a volume a failed migration left on <paramref name="targetNode"/> (a missing volume is no error).</summary>
    Task DeleteAsync(string targetNode, VolumeId volume, CancellationToken cancellationToken);
}
