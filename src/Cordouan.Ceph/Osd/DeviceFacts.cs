namespace Cordouan.Ceph.Osd;

/// <summary>What the kernel and the device's first sectors say about a block device.</summary>
public sealed record DeviceFacts
{
    public required string Path { get; init; }
    public bool IsBlockDevice { get; init; }
    public bool Mounted { get; init; }
    public IReadOnlyList<string> Holders { get; init; } = [];
    public IReadOnlyList<string> Partitions { get; init; } = [];
    /// <summary>An MBR or GPT partition table is written on it (even if the kernel shows no partition).</summary>
    public bool HasPartitionTable { get; init; }
    /// <summary>It starts with a bluestore label: it is (or was) a Ceph OSD.</summary>
    public bool HasBluestoreLabel { get; init; }
    /// <summary>Id of an OSD of this node whose data uses it, if any.</summary>
    public int? UsedByOsd { get; init; }

    /// <summary>Why the device may not become an OSD: blocking problems (never overridden) and ones <c>zap</c> clears.</summary>
    public (IReadOnlyList<string> Blocking, IReadOnlyList<string> Zappable) Problems()
    {
        var blocking = new List<string>();
        var zappable = new List<string>();
        if (!IsBlockDevice)
        {
            blocking.Add($"{Path} is not a block device");
            return (blocking, zappable);
        }
        if (Mounted)
        {
            blocking.Add($"{Path} is mounted");
        }
        if (Holders.Count > 0)
        {
            blocking.Add($"{Path} is in use by {string.Join(", ", Holders)}");
        }
        if (UsedByOsd is { } osd)
        {
            blocking.Add($"{Path} is the device of osd.{osd}");
        }
        if (Partitions.Count > 0 || HasPartitionTable)
        {
            zappable.Add($"{Path} has a partition table{(Partitions.Count > 0 ? " (" + string.Join(", ", Partitions) + ")" : "")}");
        }
        if (HasBluestoreLabel && UsedByOsd is null)
        {
            zappable.Add($"{Path} holds an old Ceph OSD (bluestore label)");
        }
        return (blocking, zappable);
    }

    /// <summary>Pure reading of the first 1 KiB: bluestore label at 0, MBR signature at 510, GPT header at 512.</summary>
    public static (bool PartitionTable, bool Bluestore) ReadSignatures(ReadOnlySpan<byte> head)
    {
        var bluestore = head.StartsWith("bluestore block device"u8);
        var mbr = head.Length >= 512 && head[510] == 0x55 && head[511] == 0xAA && !bluestore;
        var gpt = head.Length >= 520 && head.Slice(512, 8).SequenceEqual("EFI PART"u8);
        return (mbr || gpt, bluestore);
    }
}
