namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>Reply of <c>query-kvm</c>: whether KVM is compiled in/available (<c>present</c>) and in use (<c>enabled</c>).</summary>
public sealed record QmpKvmInfo(bool Enabled, bool Present);
