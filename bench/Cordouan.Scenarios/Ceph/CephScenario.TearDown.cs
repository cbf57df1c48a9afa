namespace Cordouan.Scenarios.Ceph;

public sealed partial class CephScenario
{
    /// <summary>
    /// Kills every process whose command line names this node's ceph.conf (the daemons outlive cordouand by design),
    /// waits until they are gone (bounded), then detaches the loop devices.
    /// </summary>
    private async Task TearDownAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // cordouand's supervisor would start them again: keep killing until none is left.
        while (DateTime.UtcNow < deadline)
        {
            var pids = ProcessesUsing(Conf);
            if (pids.Count == 0)
            {
                break;
            }
            foreach (var pid in pids)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
            await Task.Delay(200);
        }
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }
        _devices.Clear();
    }

    private static List<int> ProcessesUsing(string conf)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (argv.Contains(conf) && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z')
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }
        return pids;
    }
}
