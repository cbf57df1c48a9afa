namespace Cordouan.Node.Telemetry;

/// <summary>One VM's figures under Proxmox's names (cpu, maxcpu, mem, maxmem, disk, maxdisk, netin, netout, diskread, diskwrite, uptime).</summary>
public sealed record VmFigures(int VmId, string Name, bool Running, IReadOnlyDictionary<string, double> Values);
