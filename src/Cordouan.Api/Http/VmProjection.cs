using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Node.Config;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Live;

namespace Cordouan.Api.Http;

/// <summary>
/// The VM fields shared by <c>qemu</c> lists, <c>status/current</c> and <c>/cluster/resources</c>; optional keys are absent when unset.
/// Never throws on a stored config, however odd (a value accepted by an older version must not break every listing).
/// </summary>
public static class VmProjection
{
    /// <summary>
    /// A VM this node asked its driver about: running when <paramref name="runtime"/> is set (its figures are those the
    /// driver sampled, see <see cref="VmRuntimeInfo.Figures"/>), stopped otherwise.
    /// </summary>
    public static JsonObject Summary(VmDocument vm, VmRuntimeInfo? runtime, DateTimeOffset now) =>
        Summary(vm, runtime is null ? VmLive.Stopped : VmLive.Running(runtime), now);

    /// <summary>
    /// A VM as <paramref name="live"/> knows it (here or from its node's live status): <c>running</c> with its figures,
    /// <c>stopped</c>, or <c>unknown</c> (its node silent, as Proxmox shows a VM it has no status of) with no live figure.
    /// </summary>
    public static JsonObject Summary(VmDocument vm, VmLive live, DateTimeOffset now)
    {
        var config = vm.Config;
        var runtime = live.Runtime;
        var running = runtime is not null;
        var figures = runtime?.Figures;
        var cores = (long)(int.TryParse(config.GetValueOrDefault("cores"), out var c) ? c : 1) * (int.TryParse(config.GetValueOrDefault("sockets"), out var s) ? s : 1);
        var item = new JsonObject
        {
            ["vmid"] = vm.VmId,
            ["name"] = vm.Name,
            ["status"] = live.Unknown ? "unknown" : running ? "running" : "stopped",
            ["cpus"] = cores,
            ["maxcpu"] = cores,
            ["cpu"] = figures is null ? 0 : CpuFraction(figures.CpuCores, config, cores),
            ["maxmem"] = MemoryBytes(config.GetValueOrDefault("memory")),
            // Without a sample yet (a VM just started here), what its process holds now.
            ["mem"] = running ? figures?.Memory ?? ResidentBytes(runtime!.Pid) : 0,
            ["maxdisk"] = BootDiskSize(config),
            ["disk"] = 0,
            ["uptime"] = running ? (long)Math.Max(0, (now - runtime!.StartedAt).TotalSeconds) : 0,
            ["netin"] = figures?.NetIn ?? 0,
            ["netout"] = figures?.NetOut ?? 0,
            ["diskread"] = figures?.DiskRead ?? 0,
            ["diskwrite"] = figures?.DiskWrite ?? 0,
            ["template"] = vm.IsTemplate ? 1 : 0,
        };
        if (running)
        {
            item["pid"] = runtime!.Pid;
            item["qmpstatus"] = QmpStatus(runtime.State);
        }
        if (vm.Lock is not null)
        {
            item["lock"] = vm.Lock;
        }
        if (config.TryGetValue("tags", out var tags))
        {
            item["tags"] = tags;
        }
        if (config.Keys.Any(k => k.StartsWith("serial", StringComparison.Ordinal)))
        {
            item["serial"] = 1;
        }
        return item;
    }

    /// <summary>
    /// Proxmox's <c>cpu</c>: the host CPUs the VM's QEMU kept busy over the VM's own CPUs (<c>vcpus</c> when set, else
    /// sockets × cores), so a VM saturating all its vCPUs reads 1 (more with emulator overhead, as on Proxmox).
    /// </summary>
    public static double CpuFraction(double cpuCores, IReadOnlyDictionary<string, string> config, long cores)
    {
        var cpus = int.TryParse(config.GetValueOrDefault("vcpus"), NumberStyles.None, CultureInfo.InvariantCulture, out var vcpus) && vcpus > 0 ? vcpus : cores;
        return cpuCores <= 0 || double.IsNaN(cpuCores) ? 0 : cpuCores / Math.Max(1, cpus);
    }

    public static string QmpStatus(VmRunState state) => state switch
    {
        VmRunState.Running => "running",
        VmRunState.Paused => "paused",
        VmRunState.Prelaunch => "prelaunch",
        VmRunState.Suspended => "suspended",
        VmRunState.Shutdown => "shutdown",
        VmRunState.InternalError => "internal-error",
        _ => "running",
    };

    /// <summary><c>memory</c> (MiB, or <c>current=MiB</c>) in bytes; 512 MiB when unset, 0 when unreadable, saturated when absurd.</summary>
    public static long MemoryBytes(string? memory)
    {
        if (memory is null)
        {
            return 512L * 1024 * 1024;
        }
        var text = memory.StartsWith("current=", StringComparison.Ordinal) ? memory["current=".Length..].Split(',')[0] : memory;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mib))
        {
            return 0;
        }
        return mib > long.MaxValue / (1024 * 1024) ? long.MaxValue : mib * 1024 * 1024;
    }

    private static long BootDiskSize(IReadOnlyDictionary<string, string> config)
    {
        foreach (var (key, value) in config.Where(c => DiskConfig.IsDiskKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            DiskConfig disk;
            try
            {
                disk = DiskConfig.Parse(key, value);
            }
            catch (FormatException)
            {
                continue;
            }
            if (!disk.IsCdrom && disk.Options.TryGetValue("size", out var size) && Sizes.TryParse(size, out var bytes))
            {
                return bytes;
            }
        }
        return 0;
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return long.TryParse(kib, out var n) ? n * 1024 : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
