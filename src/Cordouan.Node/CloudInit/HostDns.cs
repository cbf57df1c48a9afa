namespace Cordouan.Node.CloudInit;

/// <summary>The host's resolver settings, Proxmox's fallback when a VM sets no <c>nameserver</c> / <c>searchdomain</c>.</summary>
public sealed record HostDns(IReadOnlyList<string> Search, IReadOnlyList<string> Nameservers)
{
    public static readonly HostDns None = new([], []);

    /// <summary>Reads <c>search</c> and the first three <c>nameserver</c> lines of a resolv.conf text.</summary>
    public static HostDns Parse(string resolvConf)
    {
        var search = new List<string>();
        var servers = new List<string>();
        foreach (var line in resolvConf.Split('\n'))
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }
            if (words[0] == "search")
            {
                search = [.. words[1..]];
            }
            else if (words[0] == "nameserver" && servers.Count < 3)
            {
                servers.Add(words[1]);
            }
        }
        return new HostDns(search, servers);
    }
}
