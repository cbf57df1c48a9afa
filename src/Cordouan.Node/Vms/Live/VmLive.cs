using Cordouan.Core.Vms;

namespace Cordouan.Node.Vms.Live;

/// <summary>
/// What is known of a VM's process: <see cref="Runtime"/> when it runs (with its figures), neither when it is stopped,
/// <see cref="Unknown"/> when its node has not told recently (down, cut off): never shown as running then.
/// </summary>
public readonly record struct VmLive(VmRuntimeInfo? Runtime, bool Unknown)
{
    public static VmLive Stopped => default;

    public static VmLive NotKnown => new(null, Unknown: true);

    public static VmLive Running(VmRuntimeInfo runtime) => new(runtime, Unknown: false);
}
