using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// A volume a VM refers to: the config key that names it first (<c>scsi0</c>, <c>unused0</c>, <c>efidisk0</c>), whether
/// it is attached as a CD-ROM, only listed as <c>unusedN</c>, or only kept by snapshots.
/// </summary>
public sealed record VolumeReference(VolumeId Volume, string Key, bool IsCdrom, bool IsUnused, bool OnlyInSnapshots);
