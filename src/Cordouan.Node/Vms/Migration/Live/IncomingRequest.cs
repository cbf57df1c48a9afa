namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// What the source asks of the target: start VM <see cref="VmId"/> (as its document in etcd describes it, with
/// <see cref="Renames"/> applied) waiting for the migration stream, with empty disks for <see cref="Mirrors"/>.
/// </summary>
public sealed record IncomingRequest(int VmId, string Source, IReadOnlyList<MirrorVolume> Mirrors, IReadOnlyList<VolumeRename> Renames);

/// <summary>A local disk to be mirrored: the drive, its volume on the target, its virtual size and format.</summary>
public sealed record MirrorVolume(string Drive, string Volume, long SizeBytes, string Format);

/// <summary>A volume id as it will read on the target (a <c>targetstorage</c> mapping).</summary>
public sealed record VolumeRename(string From, string To);

/// <summary>Where the target listens: the migration stream, and the NBD server for mirrors (null without mirrors).</summary>
public sealed record IncomingOffer(string MigrationUri, string? NbdHost, int NbdPort);
