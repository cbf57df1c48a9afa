using System.Text.RegularExpressions;

namespace Cordouan.Node.CloudInit;

/// <summary>
/// What Proxmox does with <c>cipassword</c> before storing it: a clear-text password is replaced by its SHA-256
/// crypt, so the config (etcd, backups, <c>cord vm config</c> dumps) never holds it; an already hashed one
/// (<c>$1$</c>, <c>$5$</c>, <c>$6$</c>, <c>$2a$</c>, <c>$2y$</c>) is kept as given. Windows guests keep it in clear:
/// cloudbase-init sets it through the Windows API, which needs the password itself.
/// </summary>
public static partial class CloudInitPassword
{
    public const string Key = "cipassword";

    /// <summary>Hashes <c>cipassword</c> in <paramref name="set"/> when present, clear text and not for Windows.</summary>
    public static void Protect(IDictionary<string, string> set, string? ostype)
    {
        if (set.TryGetValue(Key, out var password) && !IsHashed(password) && !IsWindows(ostype))
        {
            set[Key] = Sha256Crypt.Hash(password);
        }
    }

    public static bool IsHashed(string password) => HashedPattern().IsMatch(password);

    // Proxmox's ostype values for Windows all start with 'w' (wxp, w2k…w2k8, wvista, win7…win11); no other does.
    private static bool IsWindows(string? ostype) => ostype?.StartsWith('w') == true;

    [GeneratedRegex(@"^\$(?:[156]|2[ay])(\$.+){2}", RegexOptions.CultureInvariant)]
    private static partial Regex HashedPattern();
}
