using System.Net;

namespace Cordouan.Api.Metrics;

/// <summary>Who may read <c>/metrics</c> without credentials: callers from these networks (none by default: see DaemonOptions.MetricsAllow).</summary>
public sealed record MetricsOptions
{
    public IReadOnlyList<IPNetwork> AllowedSources { get; init; } = [];

    /// <summary>Whether <paramref name="address"/> (an IPv4-mapped IPv6 address counts as IPv4) is in <see cref="AllowedSources"/>.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedSources.Any(n => n.Contains(plain));
    }
}
