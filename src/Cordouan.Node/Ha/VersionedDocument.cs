using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Node.Ha;

/// <summary>A document read from etcd with the revision that compare-and-swap checks.</summary>
public sealed record VersionedDocument<T>(T Document, long Revision, string Key)
{
    /// <summary>The Proxmox <c>digest</c>: 40 hex chars that change on every write.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Key}:{Revision}")))[..40];
}
