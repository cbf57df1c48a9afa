using System.Globalization;

namespace Cordouan.Testing;

/// <summary>
/// The test guest's disk check (see <c>scripts/build-test-guest.sh</c>): <c>DISK-WRITE &lt;dev&gt; &lt;MiB&gt;</c> typed on
/// its serial console, answered by a <c>DISK-WRITE-…</c> line once the guest has written and flushed the data.
/// </summary>
public sealed class GuestDisk(SerialConsole console)
{
    /// <summary>The byte the guest writes (so a host can tell written blocks from a fresh disk's zeros).</summary>
    public const byte Pattern = (byte)'C';

    /// <summary>
    /// Has the guest write <paramref name="mebibytes"/> MiB of <see cref="Pattern"/> to <c>/dev/</c><paramref name="device"/>
    /// from offset 0 (1 MiB O_DIRECT blocks, then fsync); throws unless it reports success within <paramref name="timeout"/>.
    /// </summary>
    public async Task<GuestDiskWrite> WriteAsync(string device, int mebibytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = string.Create(CultureInfo.InvariantCulture, $"DISK-WRITE {device} {mebibytes}");
        var mark = console.LineCount;
        await console.SendLineAsync(command, cancellationToken);
        var answer = await console.WaitForLineAsync(
            $"the answer to '{command}'", l => l.StartsWith("DISK-WRITE-", StringComparison.Ordinal) && l.Split(' ').ElementAtOrDefault(1) == device,
            mark, timeout, cancellationToken);
        var parts = answer.Split(' ');
        if (parts[0] != "DISK-WRITE-DONE" || parts.Length != 4)
        {
            throw new InvalidOperationException($"Guest could not write {mebibytes} MiB to {device}: {answer}");
        }
        return new GuestDiskWrite(
            long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(long.Parse(parts[3], CultureInfo.InvariantCulture)));
    }
}
