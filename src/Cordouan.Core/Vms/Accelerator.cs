namespace Cordouan.Core.Vms;

/// <summary>How QEMU executes guest code. Auto probes that KVM really works and falls back to TCG.</summary>
public enum Accelerator
{
    Auto,
    Kvm,
    Tcg,
}
