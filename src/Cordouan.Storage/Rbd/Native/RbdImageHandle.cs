using Microsoft.Win32.SafeHandles;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>An open <c>rbd_image_t</c>; holds a reference on its pool context until <c>rbd_close</c>.</summary>
internal sealed class RbdImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly RadosIoCtxHandle? _ioctx;

    public RbdImageHandle()
        : base(ownsHandle: true)
    {
    }

    public RbdImageHandle(IntPtr handle, RadosIoCtxHandle ioctx)
        : base(ownsHandle: true)
    {
        var added = false;
        ioctx.DangerousAddRef(ref added);
        _ioctx = ioctx;
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        var closed = LibRbd.Close(handle) == 0;
        _ioctx?.DangerousRelease();
        return closed;
    }
}
