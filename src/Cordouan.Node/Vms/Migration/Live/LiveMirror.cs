namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>A local disk of a running VM that is mirrored to the target over NBD (its drive is <c>Copy.Reference.Key</c>).</summary>
public sealed record LiveMirror(VolumeCopy Copy, long SizeBytes, string Format)
{
    public string Drive => Copy.Reference.Key;
}
