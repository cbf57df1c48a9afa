namespace Cordouan.Storage.Images;

/// <summary>What <c>qemu-img snapshot</c> does with a named internal snapshot.</summary>
public enum SnapshotAction
{
    Create,
    Apply,
    Delete,
}
