using System.CommandLine;

namespace Cordouan.Cli.Commands.Vms;

/// <summary>Shared argument shapes of the VM commands.</summary>
public static class VmArguments
{
    public const int MinVmId = 100;
    public const int MaxVmId = 999_999_999;

    /// <summary>A VM id argument checked against PVE's range.</summary>
    public static Argument<int> VmId(string name = "vmid", string description = "VM id")
    {
        var argument = new Argument<int>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < MinVmId or > MaxVmId)
            {
                result.AddError($"{name} must be between {MinVmId} and {MaxVmId}.");
            }
        });
        return argument;
    }
}
