using System.Text.RegularExpressions;
using Cordouan.Node.Config;

namespace Cordouan.Api.Endpoints.Qemu.Permissions;

/// <summary>
/// Which privilege each VM config key needs, as Proxmox's <c>check_vm_modify_config_perm</c> classifies them
/// (<c>$cpuoptions</c>, <c>$memoryoptions</c>, <c>$hwtypeoptions</c>, <c>$generaloptions</c>, <c>$vmpoweroptions</c>,
/// <c>$diskoptions</c>, <c>$cloudinitoptions</c>). Deleting or reverting a key needs what setting it needs. Keys outside
/// every class are root@pam's only. Beyond Proxmox: <c>cicustom</c> (it names snippet files) is root-only too.
/// </summary>
public static partial class VmConfigPermissions
{
    public const string Cpu = "VM.Config.CPU";
    public const string Memory = "VM.Config.Memory";
    public const string Disk = "VM.Config.Disk";
    public const string Cdrom = "VM.Config.CDROM";
    public const string Network = "VM.Config.Network";
    public const string HwType = "VM.Config.HWType";
    public const string Options = "VM.Config.Options";
    public const string Cloudinit = "VM.Config.Cloudinit";
    public const string PowerMgmt = "VM.PowerMgmt";

    private static readonly HashSet<string> CpuKeys = ["cores", "cpu", "runningcpu", "cpulimit", "cpuunits", "numa", "smp", "sockets", "vcpus"];
    private static readonly HashSet<string> MemoryKeys = ["memory", "balloon", "shares", "allow-ksm"];
    private static readonly HashSet<string> HwTypeKeys = ["acpi", "hotplug", "kvm", "machine", "runningmachine", "scsihw", "smbios1", "tablet", "vga", "watchdog", "audio0", "rng0"];

    private static readonly HashSet<string> GeneralKeys =
    [
        "agent", "autostart", "bios", "description", "keyboard", "localtime", "migrate_downtime", "migrate_speed", "name", "onboot", "ostype",
        "protection", "reboot", "startdate", "startup", "tdf", "template",
    ];

    private static readonly HashSet<string> PowerKeys = ["freeze"];
    private static readonly HashSet<string> DiskOptionKeys = ["boot", "bootdisk", "vmstatestorage"];
    private static readonly HashSet<string> CloudinitKeys = ["cipassword", "citype", "ciuser", "ciupgrade", "nameserver", "searchdomain", "sshkeys"];

    /// <summary>The privilege setting <paramref name="key"/> needs.</summary>
    public static ConfigKeyPrivilege For(string key)
    {
        if (IsDrive(key) || key is "cdrom" or "tags" || ValueDependentKey().IsMatch(key))
        {
            return ConfigKeyPrivilege.ValueDependent;
        }
        if (CpuKeys.Contains(key) || NumaKey().IsMatch(key))
        {
            return ConfigKeyPrivilege.AllOf(Cpu);
        }
        if (MemoryKeys.Contains(key))
        {
            return ConfigKeyPrivilege.AllOf(Memory);
        }
        if (HwTypeKeys.Contains(key))
        {
            return ConfigKeyPrivilege.AllOf(HwType);
        }
        if (GeneralKeys.Contains(key))
        {
            return new ConfigKeyPrivilege(ConfigKeyCheck.All, [Options], SysModifyOnRoot: key == "startup");
        }
        if (PowerKeys.Contains(key))
        {
            return ConfigKeyPrivilege.AllOf(PowerMgmt);
        }
        if (DiskOptionKeys.Contains(key))
        {
            return ConfigKeyPrivilege.AllOf(Disk);
        }
        if (NetKey().IsMatch(key) || key == "running-nets-host-mtu")
        {
            return ConfigKeyPrivilege.AllOf(Network);
        }
        if (CloudinitKeys.Contains(key) || IpConfigKey().IsMatch(key))
        {
            return ConfigKeyPrivilege.AnyOf(Cloudinit, Network);
        }
        if (key == "vmstate")
        {
            return ConfigKeyPrivilege.AllOf(Disk, PowerMgmt);
        }
        return ConfigKeyPrivilege.RootOnly;
    }

    /// <summary>Proxmox's <c>is_valid_drivename</c>: the bus disks plus <c>efidisk0</c> and <c>tpmstate0</c>.</summary>
    public static bool IsDrive(string key) => DiskConfig.IsDiskKey(key) || key is "efidisk0" or "tpmstate0";

    /// <summary>Proxmox's text for a root-only key.</summary>
    public static string RootOnlyMessage(string key) => $"only root can set '{key}' config";

    [GeneratedRegex("^(unused|serial|usb|hostpci|virtiofs)[0-9]+$")]
    private static partial Regex ValueDependentKey();

    [GeneratedRegex("^numa[0-9]+$")]
    private static partial Regex NumaKey();

    [GeneratedRegex("^net[0-9]+$")]
    private static partial Regex NetKey();

    [GeneratedRegex("^ipconfig[0-9]+$")]
    private static partial Regex IpConfigKey();
}
