using Cordouan.Core.Ids;

namespace Cordouan.Node.Guests;

/// <summary>A VM this node owns as the plan sees it: its config and whether the HA manager manages it.</summary>
public sealed record GuestCandidate(VmId VmId, IReadOnlyDictionary<string, string> Config, bool HaManaged)
{
    public bool IsTemplate => Config.TryGetValue("template", out var t) && t == "1";

    public bool OnBoot => Config.TryGetValue("onboot", out var b) && b == "1";
}
