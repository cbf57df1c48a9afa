using System.Net;
using System.Net.NetworkInformation;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Config;

/// <summary>What every Ceph operation of this node starts from: installed tools, the cluster facts, fresh local files.</summary>
public sealed class CephContext(CephOptions options, CephTools tools, CephFactsStore facts, CephLocalFiles files)
{
    public CephOptions Options => options;
    public CephTools Tools => tools;
    public CephPaths Paths => tools.Paths;
    public CephFactsStore Facts => facts;
    public CephLocalFiles Files => files;

    /// <summary>Checks the packages and loads the facts (rewriting ceph.conf and keyrings from them); throws when not initialized.</summary>
    public async Task<CephClusterFacts> LoadAsync(CancellationToken cancellationToken)
    {
        tools.EnsureInstalled();
        var current = await facts.GetAsync(cancellationToken)
            ?? throw new CordouanException("Ceph is not initialized: run 'cord ceph init --network <cidr>' (POST /nodes/{node}/ceph/init) first");
        await files.WriteAsync(current, cancellationToken);
        return current;
    }

    /// <summary>This node's address inside <paramref name="cidr"/> (the loopback network counts), or null.</summary>
    public static IPAddress? LocalAddressIn(string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network))
        {
            return null;
        }
        if (network.Contains(IPAddress.Loopback))
        {
            return IPAddress.Loopback;
        }
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(network.Contains);
    }
}
