namespace Cordouan.Scenarios.StartOverhead;

/// <summary>Turns the argv cordouand gave a VM's QEMU into the same argv for a bare QEMU run by the bench.</summary>
public static class QemuArgv
{
    /// <summary>
    /// Replaces the VM's run directory (pidfile, QMP, serial and VNC sockets) and its disk file by the bench's,
    /// keeping every other argument, <c>-daemonize</c> and <c>-S</c> included. Throws if a cordouand path survives.
    /// </summary>
    public static IReadOnlyList<string> Rewrite(
        IReadOnlyList<string> argv, string fromRunDirectory, string toRunDirectory, string fromDisk, string toDisk)
    {
        if (!argv.Any(a => a.Contains(fromDisk, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"QEMU's argv does not mention the disk {fromDisk}: {string.Join(' ', argv)}");
        }
        var rewritten = argv
            .Select(a => a.Replace(fromDisk, toDisk, StringComparison.Ordinal).Replace(fromRunDirectory, toRunDirectory, StringComparison.Ordinal))
            .ToList();
        var leftover = rewritten.FirstOrDefault(a => a.Contains(fromRunDirectory, StringComparison.Ordinal));
        return leftover is null ? rewritten : throw new InvalidOperationException($"argument still points at cordouand's run directory: {leftover}");
    }

    /// <summary>The value following <paramref name="option"/> (e.g. <c>-pidfile</c>), or an exception when absent.</summary>
    public static string ValueOf(IReadOnlyList<string> argv, string option)
    {
        for (var i = 0; i + 1 < argv.Count; i++)
        {
            if (argv[i] == option)
            {
                return argv[i + 1];
            }
        }
        throw new InvalidOperationException($"QEMU's argv has no {option}: {string.Join(' ', argv)}");
    }
}
