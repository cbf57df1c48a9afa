namespace Cordouan.Qemu.Acceleration;

/// <summary>Whether KVM can run guests here, and why not.</summary>
public sealed record KvmProbeResult(bool Usable, string Reason);
