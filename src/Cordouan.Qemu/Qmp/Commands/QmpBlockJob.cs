namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>One entry of <c>query-block-jobs</c>; <see cref="Device"/> is the job id.</summary>
public sealed record QmpBlockJob(string Device, string Type, long Len, long Offset, bool Ready, string Status);
