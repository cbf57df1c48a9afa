using Microsoft.Win32.SafeHandles;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>
/// A <c>rados_ioctx_t</c> (one pool). It holds a reference on its cluster handle, so <c>rados_shutdown</c> never runs
/// before <c>rados_ioctx_destroy</c>, whatever order the owners dispose them in.
/// </summary>
internal sealed class RadosIoCtxHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly RadosClusterHandle? _cluster;

    public RadosIoCtxHandle()
        : base(ownsHandle: true)
    {
    }

    public RadosIoCtxHandle(IntPtr handle, RadosClusterHandle cluster)
        : base(ownsHandle: true)
    {
        var added = false;
        cluster.DangerousAddRef(ref added);
        _cluster = cluster;
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        LibRados.IoCtxDestroy(handle);
        _cluster?.DangerousRelease();
        return true;
    }
}
