namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>Image facts reported under <c>query-block</c> → <c>inserted.image</c>.</summary>
public sealed record QmpImageInfo(string Filename, string Format, long VirtualSize, IReadOnlyList<QmpSnapshotInfo>? Snapshots);
