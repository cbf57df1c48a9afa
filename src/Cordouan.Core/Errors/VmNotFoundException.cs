using Cordouan.Core.Ids;

namespace Cordouan.Core.Errors;

/// <summary>The VM does not exist on the node asked (Proxmox wording, which clients match on).</summary>
public sealed class VmNotFoundException(VmId vmId, string node)
    : CordouanException($"Configuration file 'nodes/{node}/qemu-server/{vmId}.conf' does not exist")
{
    public VmId VmId { get; } = vmId;
}
