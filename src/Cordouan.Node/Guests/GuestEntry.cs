using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Node.Guests;

/// <summary>One VM of a <c>startall</c>/<c>stopall</c> plan with its <c>startup</c> settings.</summary>
public sealed record GuestEntry(VmId VmId, StartupOrder Startup)
{
    /// <summary>The order group: VMs without an order come last at start (Proxmox's <c>LONG_MAX</c>), first at stop.</summary>
    public long Order => Startup.Order ?? long.MaxValue;
}
