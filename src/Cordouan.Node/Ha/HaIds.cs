using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;

namespace Cordouan.Node.Ha;

/// <summary>The identifiers of the HA configuration as Proxmox writes them: resource ids (<c>vm:100</c>) and group names.</summary>
public static partial class HaIds
{
    /// <summary>
    /// Reads a resource id given as <c>vm:&lt;vmid&gt;</c> or as a bare VM id (Telmate sends those); only VMs are
    /// managed here, so <c>ct:</c> and other types are refused. Problems are a 400 naming <paramref name="field"/>.
    /// </summary>
    public static VmId ParseSid(string text, string field = "sid")
    {
        if (AllDigits().IsMatch(text))
        {
            return VmId.TryParse(text, out var bare) ? bare : throw InvalidVmId(field, text);
        }
        var match = TypedSid().Match(text);
        if (!match.Success)
        {
            throw new ValidationException(field, "invalid format - value does not look like a valid ha resource id");
        }
        var type = match.Groups[1].Value;
        if (type != "vm")
        {
            throw new ValidationException(field, $"unsupported resource type '{type}' - only VMs (vm:<vmid>) can be HA resources here");
        }
        return VmId.TryParse(match.Groups[2].Value, out var id) ? id : throw InvalidVmId(field, match.Groups[2].Value);
    }

    /// <summary>A group name follows Proxmox's <c>pve-configid</c>: a letter, then letters, digits, <c>_</c> or <c>-</c>.</summary>
    public static bool IsValidGroupName(string name) => GroupName().IsMatch(name);

    /// <summary>Throws the 400 Proxmox gives for a bad group name.</summary>
    public static void EnsureValidGroupName(string name, string field = "group")
    {
        if (!IsValidGroupName(name))
        {
            throw new ValidationException(field, $"invalid format - invalid configuration ID '{name}'");
        }
    }

    private static ValidationException InvalidVmId(string field, string text) =>
        new(field, $"invalid format - '{text}' is not a valid VM id ({VmId.Min}..{VmId.Max})");

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex AllDigits();

    [GeneratedRegex(@"^([a-z]+):(\S+)$")]
    private static partial Regex TypedSid();

    [GeneratedRegex("^[a-z][a-z0-9_-]+$", RegexOptions.IgnoreCase)]
    private static partial Regex GroupName();
}
