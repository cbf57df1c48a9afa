namespace Cordouan.Storage.Rbd.Native;

/// <summary>What librbd tells about one image: virtual size, creation time, and the snapshot it is a clone of (null when independent).</summary>
public sealed record RbdImageFacts(long Size, DateTimeOffset? Created, RbdImageFacts.ParentSnapshot? Parent)
{
    public sealed record ParentSnapshot(string Pool, string PoolNamespace, string Image, string Snapshot);
}
