using System.Text.Json;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Platform.Processes;

namespace Cordouan.Network.Links;

/// <summary>iproute2 (<c>ip</c>, <c>bridge</c>) and <c>tc</c> in the daemon's network namespace, always by argument arrays.</summary>
public sealed class IpTool(ProcessRunner runner)
{
    /// <summary>Runs one command; throws <see cref="ExternalCommandException"/> with its stderr on failure.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) => runner.RunCheckedAsync(argv, cancellationToken);

    /// <summary>Runs one command with <paramref name="standardInput"/> on its stdin (<c>nft -f -</c>); throws on failure.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, string standardInput, CancellationToken cancellationToken) =>
        runner.RunCheckedAsync(argv, cancellationToken, standardInput);

    /// <summary>Runs one command and returns its result whatever the exit code (deletes of things that may be gone).</summary>
    public Task<ProcessResult> TryRunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) => runner.RunAsync(argv, cancellationToken);

    /// <summary>Every link of the namespace.</summary>
    public async Task<IReadOnlyList<LinkInfo>> LinksAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["ip", "-d", "-j", "link", "show"], cancellationToken);
        return ParseLinks(result.StandardOutput);
    }

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<LinkInfo?> FindLinkAsync(string name, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(["ip", "-d", "-j", "link", "show", "dev", name], cancellationToken);
        return result.ExitCode != 0 ? null : ParseLinks(result.StandardOutput).FirstOrDefault(l => l.Name == name);
    }

    /// <summary>Every interface with its global IPv4 addresses (<c>ip -d -j address show</c>) and the default route's gateway.</summary>
    public async Task<IReadOnlyList<LiveInterface>> InterfacesAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["ip", "-d", "-j", "address", "show"], cancellationToken);
        var routes = await RunAsync(["ip", "-j", "-4", "route", "show", "default"], cancellationToken);
        return ParseInterfaces(result.StandardOutput, ParseDefaultGateways(routes.StandardOutput));
    }

    /// <summary>Parses the JSON array of <c>ip -j route show default</c>: interface name → gateway of its default route.</summary>
    internal static IReadOnlyDictionary<string, string> ParseDefaultGateways(string json)
    {
        var gateways = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return gateways;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var route in document.RootElement.EnumerateArray())
        {
            if (route.TryGetProperty("dev", out var dev) && route.TryGetProperty("gateway", out var gateway))
            {
                gateways.TryAdd(dev.GetString()!, gateway.GetString()!);
            }
        }
        return gateways;
    }

    /// <summary>Parses the JSON array of <c>ip -d -j address show</c>; <paramref name="gateways"/> as <see cref="ParseDefaultGateways"/> gives them.</summary>
    internal static IReadOnlyList<LiveInterface> ParseInterfaces(string json, IReadOnlyDictionary<string, string>? gateways = null)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        var links = ParseLinks(json);
        var result = new List<LiveInterface>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var link = links[index++];
            var addresses = new List<string>();
            if (element.TryGetProperty("addr_info", out var info))
            {
                foreach (var address in info.EnumerateArray())
                {
                    if (address.TryGetProperty("family", out var family) && family.GetString() == "inet"
                        && (!address.TryGetProperty("scope", out var scope) || scope.GetString() == "global"))
                    {
                        addresses.Add($"{address.GetProperty("local").GetString()}/{address.GetProperty("prefixlen").GetInt32()}");
                    }
                }
            }
            var mtu = element.TryGetProperty("mtu", out var m) ? m.GetInt32() : 0;
            result.Add(new LiveInterface(link.Name, link.Kind, link.Up, link.Master, link.VlanFiltering, mtu, addresses, gateways?.GetValueOrDefault(link.Name)));
        }
        return result;
    }

    /// <summary>Parses the JSON array of <c>ip -d -j link show</c>.</summary>
    internal static IReadOnlyList<LinkInfo> ParseLinks(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        var links = new List<LinkInfo>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var name = link.GetProperty("ifname").GetString()!;
            string? kind = null;
            var vlanFiltering = false;
            if (link.TryGetProperty("linkinfo", out var info))
            {
                kind = info.TryGetProperty("info_kind", out var k) ? k.GetString() : null;
                vlanFiltering = info.TryGetProperty("info_data", out var data)
                    && data.TryGetProperty("vlan_filtering", out var filtering) && filtering.GetInt32() == 1;
            }
            var master = link.TryGetProperty("master", out var m) ? m.GetString() : null;
            var flags = link.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            var address = link.TryGetProperty("address", out var a) ? a.GetString() : null;
            links.Add(new LinkInfo(name, kind, master, flags.Contains("UP"), vlanFiltering, address));
        }
        return links;
    }
}
