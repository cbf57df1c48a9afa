namespace Cordouan.Node.Vms.ReadModel;

/// <summary>What <see cref="VmReadModel"/> needs of every <see cref="VmDerivedCache{T}"/>: dropping the entries of deleted VMs.</summary>
internal interface IVmDerivedCache
{
    /// <summary>Drops the entry of a VM that no longer exists.</summary>
    void Forget(int vmId);

    /// <summary>Drops every entry whose VM is not in <paramref name="vmIds"/> (after a re-list).</summary>
    void RetainOnly(IReadOnlySet<int> vmIds);
}
