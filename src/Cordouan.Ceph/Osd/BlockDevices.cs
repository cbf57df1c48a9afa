using Cordouan.Ceph.Config;

namespace Cordouan.Ceph.Osd;

/// <summary>Inspects and wipes block devices (sysfs, <c>/proc/self/mountinfo</c>, the first sectors).</summary>
public sealed class BlockDevices(CephPaths paths)
{
    private const int WipeBytes = 10 << 20;

    public async Task<DeviceFacts> InspectAsync(string device, CancellationToken cancellationToken)
    {
        var resolved = File.Exists(device) ? Resolve(device) : device;
        var name = Path.GetFileName(resolved);
        var sys = Path.Combine("/sys/class/block", name);
        // Only whole devices: a partition has a 'partition' file in sysfs.
        if (!resolved.StartsWith("/dev/", StringComparison.Ordinal) || !File.Exists(resolved) || !Directory.Exists(sys) || File.Exists(Path.Combine(sys, "partition")))
        {
            return new DeviceFacts { Path = device };
        }
        var partitions = Directory.EnumerateDirectories(sys, name + "*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var holdersDir = Path.Combine(sys, "holders");
        var holders = Directory.Exists(holdersDir) ? Directory.EnumerateFileSystemEntries(holdersDir).Select(Path.GetFileName).OfType<string>().ToList() : [];
        var devNumbers = new[] { name }.Concat(partitions).Select(n => ReadDevNumber(Path.Combine("/sys/class/block", n))).OfType<string>().ToHashSet();
        var mounted = (await File.ReadAllLinesAsync("/proc/self/mountinfo", cancellationToken))
            .Select(l => l.Split(' '))
            .Any(f => f.Length > 2 && devNumbers.Contains(f[2]));
        var head = new byte[1024];
        await using (var stream = new FileStream(resolved, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }
        var (table, bluestore) = DeviceFacts.ReadSignatures(head);
        return new DeviceFacts
        {
            Path = device,
            IsBlockDevice = true,
            Mounted = mounted,
            Holders = holders,
            Partitions = partitions,
            HasPartitionTable = table,
            HasBluestoreLabel = bluestore,
            UsedByOsd = OsdUsing(resolved),
        };
    }

    /// <summary>Zeroes the first and last 10 MiB (partition tables, GPT backup, bluestore label).</summary>
    public static async Task WipeAsync(string device, CancellationToken cancellationToken)
    {
        var zeros = new byte[1 << 20];
        await using var stream = new FileStream(device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var length = SizeOf(device) ?? stream.Length;
        foreach (var start in new[] { 0L, Math.Max(0, length - WipeBytes) })
        {
            stream.Seek(start, SeekOrigin.Begin);
            for (var written = 0L; written < WipeBytes && stream.Position < length; written += zeros.Length)
            {
                await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(zeros.Length, length - stream.Position)), cancellationToken);
            }
        }
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The device an OSD data dir's <c>block</c> link points at.</summary>
    public static string? DeviceOf(string osdDataDir)
    {
        var block = new FileInfo(Path.Combine(osdDataDir, "block"));
        return block.LinkTarget is { } target ? Resolve(target) : null;
    }

    private int? OsdUsing(string resolved)
    {
        var root = paths.DaemonRoot("osd");
        if (!Directory.Exists(root))
        {
            return null;
        }
        foreach (var dir in Directory.EnumerateDirectories(root, "ceph-*"))
        {
            if (DeviceOf(dir) == resolved && int.TryParse(Path.GetFileName(dir)["ceph-".Length..], out var id))
            {
                return id;
            }
        }
        return null;
    }

    private static string Resolve(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    /// <summary>Size in bytes from sysfs: a block device's stat (and so FileStream.Length) reports 0.</summary>
    private static long? SizeOf(string device)
    {
        var sectors = Path.Combine("/sys/class/block", Path.GetFileName(Resolve(device)), "size");
        return File.Exists(sectors) ? long.Parse(File.ReadAllText(sectors).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 512 : null;
    }

    private static string? ReadDevNumber(string sysDir)
    {
        var dev = Path.Combine(sysDir, "dev");
        return File.Exists(dev) ? File.ReadAllText(dev).Trim() : null;
    }
}
