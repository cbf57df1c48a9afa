using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration;

/// <summary>What an offline migration will do, checked before its task starts: volumes to copy, volumes the target already shares.</summary>
public sealed record MigrationPlan(string Target, IReadOnlyList<VolumeCopy> Copies, IReadOnlyList<VolumeId> SharedVolumes)
{
    /// <summary>Source volume → target volume, for the copies whose storage id changes (<c>targetstorage</c>).</summary>
    public IReadOnlyDictionary<VolumeId, VolumeId> Renames =>
        Copies.Where(c => c.Source != c.Target).ToDictionary(c => c.Source, c => c.Target);
}
