using Cordouan.Core.Vms;

namespace Cordouan.Node;

/// <summary>Node-agent settings that shape how VMs are run here.</summary>
public sealed record NodeOptions
{
    public Accelerator Accelerator { get; init; } = Accelerator.Auto;
    /// <summary>How long a hard stop waits for QEMU to quit before killing it.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>A witness votes in the cluster and answers the API but never runs VMs.</summary>
    public bool Witness { get; init; }
}
