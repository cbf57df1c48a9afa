namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>What QEMU announces when a client connects (<c>{"QMP": {"version": ..., "capabilities": [...]}}</c>).</summary>
public sealed record QmpGreeting(Version QemuVersion, string Package, IReadOnlyList<string> Capabilities);
