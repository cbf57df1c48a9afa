using Cordouan.Core.Ids;

namespace Cordouan.Core.Vms;

/// <summary>Everything needed to start a VM's QEMU process; built from the VM config, storage paths already resolved.</summary>
public sealed record VmLaunchSpec
{
    public required VmId VmId { get; init; }
    public required string Name { get; init; }
    public int MemoryMiB { get; init; } = 512;
    public int Sockets { get; init; } = 1;
    public int Cores { get; init; } = 1;
    public string CpuModel { get; init; } = "qemu64";
    /// <summary>q35 or pc (i440fx); may carry a version, e.g. pc-q35-7.2.</summary>
    public string Machine { get; init; } = "pc";
    public Accelerator Accelerator { get; init; } = Accelerator.Auto;
    public string ScsiController { get; init; } = "lsi";
    public IReadOnlyList<DriveSpec> Drives { get; init; } = [];
    public IReadOnlyList<NicSpec> Nics { get; init; } = [];
    /// <summary>Boot order as config keys (<c>scsi0</c>, <c>net0</c>); empty = first disk.</summary>
    public IReadOnlyList<string> BootOrder { get; init; } = [];
    /// <summary>SMBIOS system UUID, stable across restarts and migrations.</summary>
    public Guid SmbiosUuid { get; init; }
    public bool Acpi { get; init; } = true;
    /// <summary>Start paused (<c>-S</c>) instead of running the guest at once.</summary>
    public bool StartPaused { get; init; }
    /// <summary>Wait for an incoming live migration (<c>-incoming defer</c>) instead of booting.</summary>
    public bool Incoming { get; init; }
}
