using System.Runtime.InteropServices;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>
/// The librados C API calls the rbd storage needs (Debian package librados2). Every call returns 0 or a negative errno;
/// handles are wrapped in SafeHandles by <see cref="RbdClient"/>.
/// </summary>
internal static partial class LibRados
{
    private const string Library = "librados.so.2";

    [LibraryImport(Library, EntryPoint = "rados_create2", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Create2(out IntPtr cluster, string clusterName, string name, ulong flags);

    [LibraryImport(Library, EntryPoint = "rados_conf_read_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfReadFile(RadosClusterHandle cluster, string path);

    [LibraryImport(Library, EntryPoint = "rados_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(RadosClusterHandle cluster, string option, string value);

    [LibraryImport(Library, EntryPoint = "rados_connect")]
    public static partial int Connect(RadosClusterHandle cluster);

    [LibraryImport(Library, EntryPoint = "rados_shutdown")]
    public static partial void Shutdown(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rados_ioctx_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int IoCtxCreate(RadosClusterHandle cluster, string poolName, out IntPtr ioctx);

    [LibraryImport(Library, EntryPoint = "rados_ioctx_destroy")]
    public static partial void IoCtxDestroy(IntPtr ioctx);
}
