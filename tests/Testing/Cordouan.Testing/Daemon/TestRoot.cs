namespace Cordouan.Testing.Daemon;

/// <summary>
/// root@pam for test nodes: each node's pam realm reads a shadow file of the test's own (<c>--pam-shadow-file</c>), never
/// the host's, holding this password. Root-only operations (host-path imports, <c>lock</c>, <c>args</c>) run as root@pam,
/// as they must in Proxmox.
/// </summary>
public static class TestRoot
{
    public const string UserId = "root@pam";
    public const string Password = "cordouan-test-root";

    /// <summary>The shadow line for <see cref="Password"/> (SHA-512 crypt, <c>openssl passwd -6 -salt cordouantest</c>).</summary>
    public const string ShadowLine = "root:$6$cordouantest$Ye./nizeb3col.w71TBK5HuTZInc4j.I9RglDgGhShNZrw2Dd3TLobi3d5Z10tsQ4F/9e31KXNI2TftzZu9qK.:19000:0:99999:7:::";
}
