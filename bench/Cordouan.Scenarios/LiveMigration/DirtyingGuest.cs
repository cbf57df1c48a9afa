using System.Globalization;
using System.Text;
using Cordouan.Platform.Processes;
using Cordouan.Scenarios.Infrastructure;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// A variant of the test guest that also dirties memory, built by the bench in its own directory from the cached
/// guest (which stays untouched, so the tests' guest behaves as before). Its initrd gets a second archive replacing
/// <c>/init</c> by the same script plus, started just before the heartbeat loop, a background loop that fills a
/// 16 MiB seed from <c>/dev/urandom</c> and then rewrites a 64 MiB tmpfs buffer 8 MiB at a time with 0.1 s pauses
/// (about 60 MiB/s; QEMU's <c>calc-dirty-rate</c> estimates the real rate each run), each pass from the next MiB
/// of the seed so page contents change too. It prints <c>DIRTY-UP</c> once the buffer exists; heartbeats and the
/// disk counter are unchanged.
/// </summary>
public static class DirtyingGuest
{
    /// <summary>Buffer rewritten in a loop (the working set that keeps being dirtied).</summary>
    public const int BufferMiB = 64;

    /// <summary>Size of each write, followed by <see cref="Pause"/>.</summary>
    public const int ChunkMiB = 8;

    public const string Pause = "0.1";

    /// <summary>The line the guest prints once its buffer is allocated and the loop runs.</summary>
    public const string ReadyBanner = "DIRTY-UP";

    private const string HeartbeatLoop = "while true; do";

    /// <summary>Writes the dirtying variant of <paramref name="pristineImage"/> into <paramref name="directory"/>; returns its path.</summary>
    public static async Task<string> BuildAsync(string pristineImage, string directory, CancellationToken cancellationToken)
    {
        var qemuImg = Programs.Require(Programs.QemuImg);
        var mcopy = Programs.Require("mcopy");
        var runner = new ProcessRunner();
        Directory.CreateDirectory(directory);
        var raw = Path.Combine(directory, "dirty-guest.raw");
        var initrd = Path.Combine(directory, "initrd.gz");
        var image = Path.Combine(directory, "dirty-guest.qcow2");
        // The guest disk is a bare FAT file system (no partition table), which mtools reads and writes in place.
        await runner.RunCheckedAsync([qemuImg, "convert", "-O", "raw", pristineImage, raw], cancellationToken);
        await runner.RunCheckedAsync([mcopy, "-n", "-i", raw, "::initrd.gz", initrd], cancellationToken);
        var original = await File.ReadAllBytesAsync(initrd, cancellationToken);
        var init = Encoding.UTF8.GetString(NewcArchive.ReadFile(original, "init"));
        var patched = NewcArchive.WriteFile("init", Encoding.UTF8.GetBytes(WithWorkload(init)), Convert.ToInt32("755", 8));
        await File.WriteAllBytesAsync(initrd, [.. original, .. patched], cancellationToken);
        await runner.RunCheckedAsync([mcopy, "-n", "-o", "-i", raw, initrd, "::initrd.gz"], cancellationToken);
        await runner.RunCheckedAsync([qemuImg, "convert", "-O", "qcow2", raw, image], cancellationToken);
        File.Delete(raw);
        return image;
    }

    /// <summary>The guest's init script with the dirtying loop started just before its heartbeat loop.</summary>
    public static string WithWorkload(string init)
    {
        var at = init.IndexOf(HeartbeatLoop, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"the test guest's init has no '{HeartbeatLoop}' heartbeat loop; scripts/build-test-guest.sh changed?");
        }
        var chunks = (BufferMiB / ChunkMiB).ToString(CultureInfo.InvariantCulture);
        var chunk = ChunkMiB.ToString(CultureInfo.InvariantCulture);
        // Pass r copies the seed from MiB r (mod chunk), so a page's content differs from one pass to the next.
        var fill = $"i=0; while [ $i -lt {chunks} ]; do dd if=/dirty.seed of=/dirty.buf bs=1M count={chunk} skip=$r seek=$((i*{chunk})) conv=notrunc 2>/dev/null; i=$((i+1))";
        var workload =
            "# bench: memory-dirtying workload (bench/Cordouan.Scenarios/LiveMigration/DirtyingGuest.cs)\n"
            + $"( dd if=/dev/urandom of=/dirty.seed bs=1M count={ChunkMiB * 2} 2>/dev/null; r=0\n"
            + $"  {fill}; done\n"
            + $"  echo \"{ReadyBanner} buffer={BufferMiB}MiB chunk={chunk}MiB pause={Pause}s\"\n"
            + $"  while true; do r=$(((r+1)%{chunk})); {fill}; sleep {Pause}; done; done ) &\n";
        return init[..at] + workload + init[at..];
    }
}
