namespace Cordouan.Core.Vms.Migration;

/// <summary>One drive mirror (<c>query-block-jobs</c>): <see cref="Ready"/> once source and target are in sync (writes keep being mirrored).</summary>
public sealed record MirrorProgress(string DriveId, long Offset, long Length, bool Ready, string Status);
