using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;
using Cordouan.Core.Vms;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver
{
    /// <summary>Every NIC's bridge must exist on this node before QEMU starts; otherwise a validation error naming each NIC.</summary>
    private async Task CheckBridgesAsync(VmLaunchSpec spec, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var nic in spec.Nics.Where(n => n.Bridge is not null))
        {
            if (await _network.FindBridgeAsync(nic.Bridge!, cancellationToken) is null)
            {
                errors[nic.Id] = $"bridge '{nic.Bridge}' does not exist";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>Plugs each bridged NIC's tap (created by QEMU) into its bridge, with its VLAN and rate limit.</summary>
    private async Task AttachTapsAsync(VmLaunchSpec spec, CancellationToken cancellationToken)
    {
        foreach (var nic in spec.Nics.Where(n => n.Bridge is not null))
        {
            await _network.AttachTapAsync(ToAttachment(spec.VmId, nic), cancellationToken);
        }
    }

    private static TapAttachment ToAttachment(VmId vmId, NicSpec nic) =>
        new(TapNames.Of(vmId, nic.Index), nic.Bridge!, nic.Tag, nic.RateMegabytesPerSecond);

    /// <summary>
    /// QEMU's taps vanish with its process; this removes any that outlived it (a persistent tap made by another tool
    /// under our name). A failure here never fails the stop: it is logged.
    /// </summary>
    private async Task RemoveLeftoverTapsAsync(VmId vmId, CancellationToken cancellationToken)
    {
        try
        {
            await _network.RemoveTapsAsync(vmId, cancellationToken);
        }
        catch (ExternalCommandException e)
        {
            Log.TapCleanupFailed(_logger, vmId, e.Message);
        }
    }
}
