using System.Net;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Ceph;
using Cordouan.Node.Ceph;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>
/// <c>POST /nodes/{node}/ceph/init</c>: the cluster-wide configuration (synchronous, data null, as Proxmox). Without
/// <c>network</c> (<c>cluster-network</c>) the node's Ceph public (cluster) traffic network is taken.
/// </summary>
public static class CephInitHandler
{
    public static async Task<IResult> InitAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify);
        var p = request.Params;
        var network = p.String("network");
        var clusterNetwork = p.String("cluster-network");
        var size = p.Integer("size", 1, 7) ?? 3;
        var minSize = p.Integer("min_size", 1, 7) ?? 2;
        var pgBits = p.Integer("pg_bits", 6, 14) ?? 6;
        // Extension: one-host clusters need replicas spread over OSDs instead of hosts.
        var failureDomain = p.Enum("failure-domain", ["host", "osd"]) ?? "host";
        if (p.Boolean("disable_cephx") == true)
        {
            p.AddError("disable_cephx", "running without cephx authentication is not supported");
        }
        CheckCidr(p, "network", network);
        CheckCidr(p, "cluster-network", clusterNetwork);
        if (minSize > size)
        {
            p.AddError("min_size", $"min_size ({minSize}) must not exceed size ({size})");
        }
        p.Validate();
        await ceph.InitAsync(new CephInitSpec
        {
            Network = network is null ? null : Normalize(network)!.Value.ToString(),
            ClusterNetwork = clusterNetwork is null ? null : Normalize(clusterNetwork)!.Value.ToString(),
            Size = (int)size,
            MinSize = (int)minSize,
            PgBits = (int)pgBits,
            FailureDomain = failureDomain,
        }, http.RequestAborted);
        return PveResult.Ok((string?)null);
    }

    /// <summary>A CIDR whose address may have host bits set (<c>10.0.0.5/24</c> → <c>10.0.0.0/24</c>), as Proxmox accepts.</summary>
    public static IPNetwork? Normalize(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            // IPAddress also takes inet_aton shorthands such as "10.0.0"; a network needs all four octets.
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && parts[0].Count(c => c == '.') != 3))
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    private static void CheckCidr(ParamReader p, string name, string? value)
    {
        if (value is not null && Normalize(value) is null)
        {
            p.AddError(name, $"invalid format - value '{value}' is not a network in CIDR notation (e.g. 10.0.0.0/24)");
        }
    }
}
