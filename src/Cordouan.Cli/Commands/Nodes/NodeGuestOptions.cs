using System.CommandLine;
using System.Text.RegularExpressions;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary>The <c>--vms</c> option of startall, stopall and migrateall, checked while parsing.</summary>
public static partial class NodeGuestOptions
{
    public static Option<string?> Vms()
    {
        var option = new Option<string?>("--vms") { Description = "Only these VMs (comma-separated VMIDs); HA-managed VMs are included only when named" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } vms && !VmIdList().IsMatch(vms))
            {
                result.AddError($"'{vms}' is not a comma-separated list of VMIDs.");
            }
        });
        return option;
    }

    [GeneratedRegex("^[1-9][0-9]{2,8}(,[1-9][0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex VmIdList();
}
