using System.Text;

namespace Cordouan.Storage.Rbd;

/// <summary>Pure rendering of the ceph.conf an rbd storage of an external cluster uses (Proxmox's <c>monhost</c>).</summary>
public static class ExternalClusterConf
{
    private static readonly char[] MonHostSeparators = [' ', ',', ';'];

    /// <summary>
    /// <paramref name="monHost"/> as Proxmox accepts it (addresses separated by spaces, commas or semicolons) becomes
    /// Ceph's comma list; the keyring line lets QEMU, which only takes a conf and a user, find the key.
    /// </summary>
    public static string Render(string storageId, string monHost, string keyringPath)
    {
        var text = new StringBuilder();
        text.Append("# Written by cordouand for rbd storage '").Append(storageId).Append("' (an external Ceph cluster); local edits are overwritten.\n");
        text.Append("[global]\n");
        text.Append("\tmon_host = ").Append(string.Join(',', MonHosts(monHost))).Append('\n');
        text.Append("\tauth_client_required = cephx\n");
        text.Append("\tkeyring = ").Append(keyringPath).Append('\n');
        // Clients would otherwise try to create admin sockets under /var/run/ceph.
        text.Append("\tadmin_socket = \n");
        return text.ToString();
    }

    public static IReadOnlyList<string> MonHosts(string monHost) =>
        monHost.Split(MonHostSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
