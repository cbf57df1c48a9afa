namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>One entry of <c>query-block</c>. With <c>-blockdev</c>, <see cref="Device"/> is empty and <see cref="Qdev"/> names the guest device.</summary>
public sealed record QmpBlockDevice(string Device, string? Qdev, bool Removable, bool Locked, QmpBlockInserted? Inserted);
