namespace Cordouan.Core.Errors;

/// <summary>Another operation holds the VM's lock.</summary>
public sealed class VmLockedException(string lockName) : CordouanException($"VM is locked ({lockName})")
{
    public string LockName { get; } = lockName;
}
