namespace Cordouan.Core.Storage;

/// <summary>
/// Where QEMU (through librbd) finds an RBD image: pool, image, the ceph.conf that names the monitors and the keyring,
/// and the client name without <c>client.</c>. Paths are absolute.
/// </summary>
public sealed record RbdLocation(string Pool, string Image, string ConfPath, string User)
{
    /// <summary>
    /// QEMU's legacy filename (<c>rbd:pool/image:conf=/etc/ceph.conf:id=admin</c>), which qemu-img and qemu-io accept;
    /// a colon or backslash inside a value is escaped with a backslash, as QEMU's parser expects.
    /// </summary>
    public string ToQemuFilename() => $"rbd:{Escape(Pool)}/{Escape(Image)}:conf={Escape(ConfPath)}:id={Escape(User)}";

    private static string Escape(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
}
