namespace Cordouan.Core.Vms;

/// <summary>
/// Optional capability of an <see cref="IVmDriver"/>: samples the usage of every VM it runs. A driver that has it
/// attaches the latest <see cref="VmFigures"/> to the <see cref="VmRuntimeInfo"/> it returns.
/// </summary>
public interface IVmSampler
{
    /// <summary>
    /// One sampling pass over every VM running here: their state and fresh <see cref="VmRuntimeInfo.Figures"/>. A
    /// VM's CPU figure is measured from the previous pass, so it reads 0 on the first pass that sees the VM.
    /// </summary>
    Task<IReadOnlyList<VmRuntimeInfo>> SampleAsync(CancellationToken cancellationToken);
}
