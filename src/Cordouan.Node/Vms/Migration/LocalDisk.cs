using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration;

/// <summary>A volume on a storage the target does not share, which a migration copies (or refuses, for a CD-ROM image).</summary>
public sealed record LocalDisk(VolumeId Volume, long SizeBytes, bool IsCdrom, bool IsUnused);
