namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>Which consolidated value a fetch returns (Proxmox's <c>cf</c>).</summary>
public enum RrdConsolidation
{
    Average,
    Max,
}
