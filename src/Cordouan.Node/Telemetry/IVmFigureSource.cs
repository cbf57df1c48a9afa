namespace Cordouan.Node.Telemetry;

/// <summary>
/// The figures of the VMs this node owns, now, as the API projects them for <c>/cluster/resources</c> (one projection,
/// so history, metrics and listings never disagree). Implemented by the API layer, which owns that projection.
/// </summary>
public interface IVmFigureSource
{
    /// <summary>Every VM owned by this node, running or not; a VM that vanishes while being read is left out.</summary>
    Task<IReadOnlyList<VmFigures>> ReadLocalAsync(CancellationToken cancellationToken);
}
