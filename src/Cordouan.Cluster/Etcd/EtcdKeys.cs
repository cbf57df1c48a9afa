using System.Text;

namespace Cordouan.Cluster.Etcd;

/// <summary>Key encoding for etcd: UTF-8 bytes, and the exclusive range end that selects a whole prefix.</summary>
internal static class EtcdKeys
{
    public static byte[] Encode(string key) => Encoding.UTF8.GetBytes(key);

    public static string Decode(byte[] key) => Encoding.UTF8.GetString(key);

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/> (etcd's GetPrefixRangeEnd).</summary>
    public static byte[] PrefixEnd(string prefix)
    {
        var end = Encode(prefix);
        for (var i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] < 0xff)
            {
                end[i]++;
                return end[..(i + 1)];
            }
        }
        // Empty prefix or all 0xff: "\0" means "every key from here on" to etcd.
        return [0];
    }
}
