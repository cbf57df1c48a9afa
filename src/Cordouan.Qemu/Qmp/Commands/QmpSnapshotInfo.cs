namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>An internal snapshot of an image (qcow2) as reported by <c>query-block</c>.</summary>
public sealed record QmpSnapshotInfo(string Id, string Name, long VmStateSize);
