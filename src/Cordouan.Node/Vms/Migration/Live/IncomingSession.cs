using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// A VM this node is receiving: its QEMU waits paused until the source hands ownership over. <see cref="Created"/> are
/// the disks made for mirrors (freed again on abort); an <see cref="Adopted"/> session was found after a restart.
/// </summary>
public sealed record IncomingSession(VmId VmId, string Source, IReadOnlyList<VolumeId> Created, DateTimeOffset Since, bool Adopted = false);
