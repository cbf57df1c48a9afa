using Microsoft.Win32.SafeHandles;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>A <c>rados_t</c>; released with <c>rados_shutdown</c> once no pool context holds it any more.</summary>
internal sealed class RadosClusterHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public RadosClusterHandle(IntPtr handle)
        : this() => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        LibRados.Shutdown(handle);
        return true;
    }
}
