using Microsoft.Extensions.Logging;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    /// <summary>Event ids 4000-4049 belong to the dir storage plugin (Cordouan.Storage uses 4000-4199).</summary>
    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Information, "Allocated volume {Storage}:{Volume} ({SizeBytes} bytes)")]
        public static partial void VolumeAllocated(ILogger logger, string storage, string volume, long sizeBytes);

        [LoggerMessage(4001, LogLevel.Information, "Imported {Source} as volume {Storage}:{Volume}")]
        public static partial void VolumeImported(ILogger logger, string storage, string volume, string source);

        [LoggerMessage(4002, LogLevel.Information, "Freed volume {Storage}:{Volume}")]
        public static partial void VolumeFreed(ILogger logger, string storage, string volume);

        [LoggerMessage(4003, LogLevel.Information, "Resized volume {Storage}:{Volume} from {OldSizeBytes} to {NewSizeBytes} bytes")]
        public static partial void VolumeResized(ILogger logger, string storage, string volume, long oldSizeBytes, long newSizeBytes);

        [LoggerMessage(4004, LogLevel.Information, "Snapshot {Snapshot} of volume {Storage}:{Volume} {Action}")]
        public static partial void SnapshotChanged(ILogger logger, string storage, string volume, string snapshot, string action);

        [LoggerMessage(4005, LogLevel.Information, "Volume {Storage}:{Volume} became base volume {BaseVolume}")]
        public static partial void BaseCreated(ILogger logger, string storage, string volume, string baseVolume);

        [LoggerMessage(4006, LogLevel.Information, "Cloned volume {Storage}:{Volume} to {Clone} ({Kind})")]
        public static partial void VolumeCloned(ILogger logger, string storage, string volume, string clone, string kind);

        [LoggerMessage(4007, LogLevel.Warning, "Skipping unreadable volume {Storage}:{Volume}: {Reason}")]
        public static partial void UnreadableVolume(ILogger logger, string storage, string volume, string reason);

        [LoggerMessage(4008, LogLevel.Warning, "Could not remove the partial volume {Storage}:{Volume}: {Reason}")]
        public static partial void DiscardFailed(ILogger logger, string storage, string volume, string reason);
    }
}
