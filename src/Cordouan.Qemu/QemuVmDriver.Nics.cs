using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;
using Cordouan.Core.Vms;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Commands;
using System.Text.Json.Nodes;

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

    public async Task PlugNicAsync(VmId vmId, NicSpec nic, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        var model = QemuArgvBuilder.NicDeviceModel(nic.Model) ?? throw new ValidationException(nic.Id, $"unknown NIC model '{nic.Model}'");
        if (nic.Bridge is not null && await _network.FindBridgeAsync(nic.Bridge, cancellationToken) is null)
        {
            throw new ValidationException(nic.Id, $"bridge '{nic.Bridge}' does not exist");
        }
        var netdev = nic.Bridge is null
            ? new JsonObject { ["type"] = "user", ["id"] = nic.Id, ["restrict"] = true }
            : new JsonObject { ["type"] = "tap", ["id"] = nic.Id, ["ifname"] = TapNames.Of(vmId, nic.Index), ["script"] = "no", ["downscript"] = "no" };
        await RunAsync(vmId, $"hot-plug {nic.Id} into VM {vmId}", async (m, ct) =>
        {
            await m.NetdevAddAsync(netdev, ct);
            if (nic.Bridge is not null)
            {
                await _network.AttachTapAsync(ToAttachment(vmId, nic), ct);
            }
            await m.DeviceAddAsync(new JsonObject { ["driver"] = model, ["id"] = nic.Id, ["netdev"] = nic.Id, ["mac"] = nic.MacAddress }, ct);
            if (nic.LinkDown)
            {
                await m.SetLinkAsync(nic.Id, up: false, ct);
            }
        }, cancellationToken);
        Log.NicPlugged(_logger, vmId, nic.Id, vm.Pid);
    }

    public async Task UnplugNicAsync(VmId vmId, string nicId, CancellationToken cancellationToken)
    {
        await RunAsync(vmId, $"hot-unplug {nicId} from VM {vmId}", async (m, ct) =>
        {
            await m.DeviceDelAsync(nicId, ct);
            // The guest releases the device through ACPI; only then may the backend go.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(_options.MonitorTimeout * 2);
            try
            {
                while (await m.DeviceExistsAsync(nicId, deadline.Token))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _timeProvider, deadline.Token);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutException($"the guest did not release {nicId}");
            }
            await m.NetdevDelAsync(nicId, ct);
        }, cancellationToken);
        Log.NicUnplugged(_logger, vmId, nicId);
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
