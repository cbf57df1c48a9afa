using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Node.Vms;

/// <summary>A VM document with the etcd revision it was read at; the revision is what compare-and-swap checks.</summary>
public sealed record VersionedVm(VmDocument Document, long Revision)
{
    /// <summary>The Proxmox <c>digest</c>: 40 hex chars that change on every write.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{Document.VmId}:{Revision}")))[..40];
}
