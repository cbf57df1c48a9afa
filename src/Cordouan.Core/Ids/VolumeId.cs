namespace Cordouan.Core.Ids;

/// <summary>A volume on a storage: <c>local:100/vm-100-disk-0.qcow2</c> is storage <c>local</c>, name <c>100/vm-100-disk-0.qcow2</c>.</summary>
public readonly record struct VolumeId(string Storage, string Name)
{
    public static bool TryParse(string? text, out VolumeId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        id = new VolumeId(text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>The image format implied by the file extension (raw when there is none), as Proxmox clients infer it.</summary>
    public string Format
    {
        get
        {
            var leaf = Name[(Name.LastIndexOf('/') + 1)..];
            var dot = leaf.LastIndexOf('.');
            return dot < 0 ? "raw" : leaf[(dot + 1)..];
        }
    }

    public override string ToString() => $"{Storage}:{Name}";
}
