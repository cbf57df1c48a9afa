using System.Runtime.InteropServices;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>The librbd C API calls the rbd storage needs (Debian package librbd1). Every call returns 0 or a negative errno.</summary>
internal static unsafe partial class LibRbd
{
    private const string Library = "librbd.so.1";

    /// <summary>Opens read-only: no exclusive lock and no header watch, so it never disturbs a running VM's client.</summary>
    [LibraryImport(Library, EntryPoint = "rbd_open_read_only", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenReadOnly(RadosIoCtxHandle ioctx, string name, out IntPtr image, string? snapshot);

    [LibraryImport(Library, EntryPoint = "rbd_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(RadosIoCtxHandle ioctx, string name, out IntPtr image, string? snapshot);

    [LibraryImport(Library, EntryPoint = "rbd_close")]
    public static partial int Close(IntPtr image);

    [LibraryImport(Library, EntryPoint = "rbd_get_size")]
    public static partial int GetSize(RbdImageHandle image, out ulong size);

    [LibraryImport(Library, EntryPoint = "rbd_get_create_timestamp")]
    public static partial int GetCreateTimestamp(RbdImageHandle image, out Timespec timestamp);

    [LibraryImport(Library, EntryPoint = "rbd_get_parent")]
    public static partial int GetParent(RbdImageHandle image, LinkedImageSpec* parent, SnapSpec* snapshot);

    [LibraryImport(Library, EntryPoint = "rbd_linked_image_spec_cleanup")]
    public static partial void LinkedImageSpecCleanup(LinkedImageSpec* spec);

    [LibraryImport(Library, EntryPoint = "rbd_snap_spec_cleanup")]
    public static partial void SnapSpecCleanup(SnapSpec* spec);

    /// <summary>Fills <paramref name="images"/>; -ERANGE with <paramref name="count"/> set to the needed size when too small.</summary>
    [LibraryImport(Library, EntryPoint = "rbd_list2")]
    public static partial int List2(RadosIoCtxHandle ioctx, ImageSpec* images, ref nuint count);

    [LibraryImport(Library, EntryPoint = "rbd_image_spec_list_cleanup")]
    public static partial void ImageSpecListCleanup(ImageSpec* images, nuint count);

    [LibraryImport(Library, EntryPoint = "rbd_image_options_create")]
    public static partial void ImageOptionsCreate(out IntPtr options);

    [LibraryImport(Library, EntryPoint = "rbd_image_options_destroy")]
    public static partial void ImageOptionsDestroy(IntPtr options);

    [LibraryImport(Library, EntryPoint = "rbd_clone3", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Clone3(RadosIoCtxHandle parentIoCtx, string parentName, string parentSnapshot, RadosIoCtxHandle childIoCtx, string childName, IntPtr options);

    [LibraryImport(Library, EntryPoint = "rbd_copy3", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Copy3(RbdImageHandle source, RadosIoCtxHandle destinationIoCtx, string destinationName, IntPtr options);

    /// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary><c>rbd_image_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageSpec
    {
        public IntPtr Id;
        public IntPtr Name;
    }

    /// <summary><c>rbd_linked_image_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LinkedImageSpec
    {
        public long PoolId;
        public IntPtr PoolName;
        public IntPtr PoolNamespace;
        public IntPtr ImageId;
        public IntPtr ImageName;
        public byte Trash;
    }

    /// <summary><c>rbd_snap_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SnapSpec
    {
        public ulong Id;
        public int NamespaceType;
        public IntPtr Name;
    }
}
