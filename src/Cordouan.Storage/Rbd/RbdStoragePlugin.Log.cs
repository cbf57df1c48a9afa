using Microsoft.Extensions.Logging;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    /// <summary>Event ids 4050-4099 belong to the rbd storage plugin (Cordouan.Storage uses 4000-4199).</summary>
    private static partial class Log
    {
        [LoggerMessage(4050, LogLevel.Information, "Allocated volume {Storage}:{Volume} ({SizeBytes} bytes)")]
        public static partial void VolumeAllocated(ILogger logger, string storage, string volume, long sizeBytes);

        [LoggerMessage(4051, LogLevel.Information, "Imported {Source} as volume {Storage}:{Volume}")]
        public static partial void VolumeImported(ILogger logger, string storage, string volume, string source);

        [LoggerMessage(4052, LogLevel.Information, "Freed volume {Storage}:{Volume}")]
        public static partial void VolumeFreed(ILogger logger, string storage, string volume);

        [LoggerMessage(4053, LogLevel.Information, "Resized volume {Storage}:{Volume} from {OldSizeBytes} to {NewSizeBytes} bytes")]
        public static partial void VolumeResized(ILogger logger, string storage, string volume, long oldSizeBytes, long newSizeBytes);

        [LoggerMessage(4054, LogLevel.Information, "Snapshot {Snapshot} of volume {Storage}:{Volume} {Action}")]
        public static partial void SnapshotChanged(ILogger logger, string storage, string volume, string snapshot, string action);

        [LoggerMessage(4055, LogLevel.Information, "Volume {Storage}:{Volume} became base volume {BaseVolume}")]
        public static partial void BaseCreated(ILogger logger, string storage, string volume, string baseVolume);

        [LoggerMessage(4056, LogLevel.Information, "Cloned volume {Storage}:{Volume} to {Clone} ({Kind})")]
        public static partial void VolumeCloned(ILogger logger, string storage, string volume, string clone, string kind);

        [LoggerMessage(4057, LogLevel.Warning, "Could not remove the partial volume {Storage}:{Volume}: {Reason}")]
        public static partial void DiscardFailed(ILogger logger, string storage, string volume, string reason);

        [LoggerMessage(4058, LogLevel.Warning, "Status of rbd storage {Storage} unavailable: {Reason}")]
        public static partial void StatusUnavailable(ILogger logger, string storage, string reason);
    }
}
