using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Core.Tasks;

/// <summary>A Proxmox task id: <c>UPID:node:PID:PSTART:STARTTIME:type:id:user:</c> (hex fields upper-case, trailing colon).</summary>
public sealed partial record Upid(string Node, int Pid, long PStart, long StartTime, string Type, string Id, string User)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"UPID:{Node}:{Pid:X8}:{PStart:X8}:{StartTime:X8}:{Type}:{Id}:{User}:");

    public static bool TryParse(string? text, out Upid? upid)
    {
        upid = null;
        if (text is null)
        {
            return false;
        }
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }
        upid = new Upid(
            m.Groups[1].Value,
            int.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[4].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[5].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            m.Groups[6].Value,
            m.Groups[7].Value,
            m.Groups[8].Value);
        return true;
    }

    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$")]
    private static partial Regex Pattern();
}
