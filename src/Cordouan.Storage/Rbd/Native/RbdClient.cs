using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>
/// One connected librados client (a conf, a keyring, a user) with a pool context per pool, kept for the daemon's
/// lifetime: a call costs a round trip to the OSDs instead of a new <c>rbd</c> process that authenticates again
/// (~0.14 s each). Every method blocks on the cluster; callers run them off the request thread.
/// </summary>
internal sealed unsafe class RbdClient : IDisposable
{
    private readonly RadosClusterHandle _cluster;
    private readonly ConcurrentDictionary<string, RadosIoCtxHandle> _pools = new();

    private RbdClient(RadosClusterHandle cluster) => _cluster = cluster;

    /// <summary>
    /// Connects as <paramref name="connection"/>'s user; <paramref name="timeout"/> bounds reaching the monitors and
    /// every monitor request, as the CLI's <c>--client_mount_timeout</c> does.
    /// </summary>
    public static RbdClient Connect(RbdConnection connection, TimeSpan timeout)
    {
        Check("rados_create2", LibRados.Create2(out var raw, "ceph", "client." + connection.User, 0));
        var cluster = new RadosClusterHandle(raw);
        try
        {
            var seconds = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Check("rados_conf_read_file", LibRados.ConfReadFile(cluster, connection.ConfPath));
            Check("rados_conf_set keyring", LibRados.ConfSet(cluster, "keyring", connection.KeyringPath));
            Check("rados_conf_set client_mount_timeout", LibRados.ConfSet(cluster, "client_mount_timeout", seconds));
            Check("rados_conf_set rados_mon_op_timeout", LibRados.ConfSet(cluster, "rados_mon_op_timeout", seconds));
            Check("rados_connect", LibRados.Connect(cluster));
            return new RbdClient(cluster);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The names of the pool's images (<c>rbd_list2</c>).</summary>
    public IReadOnlyList<string> List(string pool)
    {
        var ioctx = Pool(pool);
        nuint count = 64;
        while (true)
        {
            var specs = new LibRbd.ImageSpec[(int)count];
            fixed (LibRbd.ImageSpec* first = specs)
            {
                var result = LibRbd.List2(ioctx, first, ref count);
                if (result == -RbdErrno.Range)
                {
                    continue;
                }
                Check("rbd_list2", result);
                try
                {
                    var names = new List<string>((int)count);
                    for (var i = 0; i < (int)count; i++)
                    {
                        names.Add(Marshal.PtrToStringUTF8(first[i].Name) ?? "");
                    }
                    return names;
                }
                finally
                {
                    LibRbd.ImageSpecListCleanup(first, count);
                }
            }
        }
    }

    /// <summary>Size, creation time and parent of an image (of its head, or as of <paramref name="snapshot"/>).</summary>
    public RbdImageFacts Describe(string pool, string image, string? snapshot = null)
    {
        using var handle = OpenReadOnly(pool, image, snapshot);
        Check("rbd_get_size", LibRbd.GetSize(handle, out var size));
        DateTimeOffset? created = LibRbd.GetCreateTimestamp(handle, out var timestamp) == 0
            ? DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds)
            : null;
        return new RbdImageFacts(checked((long)size), created, ParentOf(handle));
    }

    /// <summary>
    /// Copy-on-write clone of <paramref name="parent"/>@<paramref name="snapshot"/> as <paramref name="child"/> in the same
    /// pool (<c>rbd_clone3</c>, features and object size of the parent); EEXIST when the name is taken.
    /// </summary>
    public void Clone(string pool, string parent, string snapshot, string child)
    {
        var ioctx = Pool(pool);
        LibRbd.ImageOptionsCreate(out var options);
        try
        {
            Check("rbd_clone3", LibRbd.Clone3(ioctx, parent, snapshot, ioctx, child, options));
        }
        finally
        {
            LibRbd.ImageOptionsDestroy(options);
        }
    }

    /// <summary>
    /// Copies the content of <paramref name="image"/> (as of <paramref name="snapshot"/> when given) into a new image
    /// <paramref name="destination"/> (<c>rbd_copy3</c>: data only, no snapshots); EEXIST when the name is taken.
    /// </summary>
    public void Copy(string pool, string image, string? snapshot, string destination)
    {
        using var source = OpenReadOnly(pool, image, snapshot);
        LibRbd.ImageOptionsCreate(out var options);
        try
        {
            Check("rbd_copy3", LibRbd.Copy3(source, Pool(pool), destination, options));
        }
        finally
        {
            LibRbd.ImageOptionsDestroy(options);
        }
    }

    public void Dispose()
    {
        foreach (var ioctx in _pools.Values)
        {
            ioctx.Dispose();
        }
        // Shuts the client down once the last pool context and open image are released.
        _cluster.Dispose();
    }

    private RbdImageHandle OpenReadOnly(string pool, string image, string? snapshot)
    {
        var ioctx = Pool(pool);
        Check("rbd_open_read_only", LibRbd.OpenReadOnly(ioctx, image, out var raw, snapshot));
        return new RbdImageHandle(raw, ioctx);
    }

    private static RbdImageFacts.ParentSnapshot? ParentOf(RbdImageHandle handle)
    {
        LibRbd.LinkedImageSpec parent;
        LibRbd.SnapSpec snapshot;
        var result = LibRbd.GetParent(handle, &parent, &snapshot);
        if (result == -RbdErrno.NotFound)
        {
            return null;
        }
        Check("rbd_get_parent", result);
        try
        {
            return new RbdImageFacts.ParentSnapshot(
                Marshal.PtrToStringUTF8(parent.PoolName) ?? "",
                Marshal.PtrToStringUTF8(parent.PoolNamespace) ?? "",
                Marshal.PtrToStringUTF8(parent.ImageName) ?? "",
                Marshal.PtrToStringUTF8(snapshot.Name) ?? "");
        }
        finally
        {
            LibRbd.LinkedImageSpecCleanup(&parent);
            LibRbd.SnapSpecCleanup(&snapshot);
        }
    }

    /// <summary>The pool's context, created on first use; ENOENT when the pool does not exist.</summary>
    private RadosIoCtxHandle Pool(string pool)
    {
        if (_pools.TryGetValue(pool, out var known))
        {
            return known;
        }
        Check("rados_ioctx_create", LibRados.IoCtxCreate(_cluster, pool, out var raw));
        var created = new RadosIoCtxHandle(raw, _cluster);
        if (_pools.TryAdd(pool, created))
        {
            return created;
        }
        created.Dispose();
        return _pools[pool];
    }

    private static void Check(string call, int result)
    {
        if (result < 0)
        {
            throw new RbdNativeException(call, -result);
        }
    }
}
