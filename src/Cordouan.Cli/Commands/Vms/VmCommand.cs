using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm …</c>: VM lifecycle; the owning node is looked up, never typed.</summary>
public sealed class VmCommand : Command
{
    public VmCommand(CliHost host)
        : base("vm", "Virtual machines")
    {
        Add(new VmListCommand(host));
        Add(new VmStatusCommand(host));
        Add(new VmCreateCommand(host));
        Add(new VmConfigCommand(host));
        Add(new VmSetCommand(host));
        Add(new VmPowerCommand(host, VmPowerAction.Start, "Start a VM"));
        Add(new VmPowerCommand(host, VmPowerAction.Stop, "Stop a VM immediately (like pulling the plug)", acceptsTimeout: true));
        Add(new VmShutdownCommand(host));
        Add(new VmPowerCommand(host, VmPowerAction.Reboot, "Reboot a VM through ACPI", acceptsTimeout: true));
        Add(new VmPowerCommand(host, VmPowerAction.Reset, "Reset a VM (hard reboot)"));
        Add(new VmPowerCommand(host, VmPowerAction.Suspend, "Pause a running VM"));
        Add(new VmPowerCommand(host, VmPowerAction.Resume, "Resume a paused VM"));
        Add(new VmDeleteCommand(host));
        Add(new VmResizeCommand(host));
        Add(new VmMoveDiskCommand(host));
        Add(new VmSnapshotCommand(host));
        Add(new VmTemplateCommand(host));
        Add(new VmCloneCommand(host));
        Add(new VmMigrateCommand(host));
    }
}
