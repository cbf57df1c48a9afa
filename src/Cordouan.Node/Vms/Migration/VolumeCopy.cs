using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Node.Vms.Migration;

/// <summary>One local volume to stream to the target, where it becomes <see cref="Target"/> (same name, mapped storage).</summary>
public sealed record VolumeCopy(VolumeReference Reference, StorageDefinition SourceStorage, IStoragePlugin SourcePlugin, VolumeId Target)
{
    public VolumeId Source => Reference.Volume;
}
