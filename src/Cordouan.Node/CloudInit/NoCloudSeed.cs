namespace Cordouan.Node.CloudInit;

/// <summary>The files of a NoCloud seed (ISO label <c>cidata</c>), as Proxmox writes them.</summary>
public sealed record NoCloudSeed(string UserData, string NetworkConfig, string MetaData, string VendorData = "")
{
    /// <summary>File name → content, as they go into the ISO's root.</summary>
    public IReadOnlyDictionary<string, string> Files => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["user-data"] = UserData,
        ["network-config"] = NetworkConfig,
        ["meta-data"] = MetaData,
        ["vendor-data"] = VendorData,
    };
}
