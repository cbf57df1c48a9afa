namespace Cordouan.Core.Vms.Migration;

/// <summary>
/// How QEMU sends the VM: <see cref="MaxDowntime"/> is the pause QEMU aims for when it switches over,
/// <see cref="BytesPerSecond"/> caps the stream (0 = unlimited), <see cref="AutoConverge"/> lets QEMU throttle vCPUs
/// that dirty memory faster than it can be sent, <see cref="Postcopy"/> allows a later switch to post-copy.
/// </summary>
public sealed record MigrationSettings(TimeSpan MaxDowntime, long BytesPerSecond, bool AutoConverge, bool Postcopy);
