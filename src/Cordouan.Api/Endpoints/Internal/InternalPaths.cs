using Cordouan.Core.Ids;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>
/// Node-to-node endpoints live under <c>/api2/json/internal/</c>: not under <c>/nodes/</c>, so the proxy never forwards
/// them, and only a caller presenting a cluster node certificate is served (<see cref="NodeCertificateFilter"/>).
/// </summary>
public static class InternalPaths
{
    public const string Prefix = "/api2/json/internal";

    /// <summary>The path of a volume, storage and name segments escaped one by one (the name keeps its slashes).</summary>
    public static string Volume(VolumeId volume) =>
        $"{Prefix}/volumes/{Uri.EscapeDataString(volume.Storage)}/{string.Join('/', volume.Name.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The incoming live migration of a VM on the target.</summary>
    public static string Migration(VmId vmId) => $"{Prefix}/migrations/{vmId}";
}
