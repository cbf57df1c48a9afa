using System.Globalization;
using Cordouan.Core.Network;

namespace Cordouan.Network.Nat;

/// <summary>
/// dnsmasq's lease file: one lease a line, <c>&lt;expiry epoch&gt; &lt;mac&gt; &lt;ip&gt; &lt;hostname|*&gt; &lt;client-id|*&gt;</c>
/// (expiry 0 = infinite). Lines that do not fit are skipped: dnsmasq rewrites the file while we may read it.
/// </summary>
public static class DhcpLeaseFile
{
    public static IReadOnlyList<DhcpLease> Parse(string text)
    {
        var leases = new List<DhcpLease>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
                || Ipv4Subnet.ParseAddress(fields[2]) is null)
            {
                continue;
            }
            leases.Add(new DhcpLease(
                fields[1].ToLowerInvariant(),
                fields[2],
                fields[3] == "*" ? null : fields[3],
                expiry == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(expiry)));
        }
        return leases;
    }
}
