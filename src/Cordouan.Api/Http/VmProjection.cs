using System.Text.Json.Nodes;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Node.Config;
using Cordouan.Node.Vms;

namespace Cordouan.Api.Http;

/// <summary>The VM fields shared by <c>qemu</c> lists, <c>status/current</c> and <c>/cluster/resources</c>; optional keys are absent when unset.</summary>
public static class VmProjection
{
    public static JsonObject Summary(VmDocument vm, VmRuntimeInfo? runtime, DateTimeOffset now)
    {
        var config = vm.Config;
        var running = runtime is not null;
        var cores = (int.TryParse(config.GetValueOrDefault("cores"), out var c) ? c : 1) * (int.TryParse(config.GetValueOrDefault("sockets"), out var s) ? s : 1);
        var memoryMiB = config.TryGetValue("memory", out var memory) ? VmConfigSchema.MemoryMiB(memory) : 512;
        var item = new JsonObject
        {
            ["vmid"] = vm.VmId,
            ["name"] = vm.Name,
            ["status"] = running ? "running" : "stopped",
            ["cpus"] = cores,
            ["maxcpu"] = cores,
            ["cpu"] = 0,
            ["maxmem"] = (long)memoryMiB * 1024 * 1024,
            ["mem"] = running ? ResidentBytes(runtime!.Pid) : 0,
            ["maxdisk"] = BootDiskSize(config),
            ["disk"] = 0,
            ["uptime"] = running ? (long)Math.Max(0, (now - runtime!.StartedAt).TotalSeconds) : 0,
            ["netin"] = 0,
            ["netout"] = 0,
            ["diskread"] = 0,
            ["diskwrite"] = 0,
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

    private static long BootDiskSize(IReadOnlyDictionary<string, string> config)
    {
        foreach (var (key, value) in config.Where(c => DiskConfig.IsDiskKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var disk = DiskConfig.Parse(key, value);
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
