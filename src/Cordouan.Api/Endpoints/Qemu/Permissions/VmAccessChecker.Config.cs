using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Api.Endpoints.Qemu.Permissions;

public sealed partial class VmAccessChecker
{
    /// <summary>
    /// Proxmox's <c>check_vm_modify_config_perm</c>: each key's class privilege on the VM (<see cref="VmConfigPermissions"/>);
    /// value-dependent keys are left to <see cref="CheckCreateValues"/> and <see cref="CheckUpdateValues"/>.
    /// </summary>
    public void CheckKeys(VmId vmid, IEnumerable<string> keys)
    {
        if (IsRoot)
        {
            return;
        }
        foreach (var key in keys)
        {
            var rule = VmConfigPermissions.For(key);
            switch (rule.Check)
            {
                case ConfigKeyCheck.ValueDependent:
                    continue;
                case ConfigKeyCheck.All:
                    Require(VmPath(vmid), [.. rule.Privileges]);
                    break;
                case ConfigKeyCheck.Any:
                    RequireAny(VmPath(vmid), [.. rule.Privileges]);
                    break;
                default:
                    throw new ForbiddenException(VmConfigPermissions.RootOnlyMessage(key));
            }
            if (rule.SysModifyOnRoot)
            {
                Require("/", "Sys.Modify");
            }
        }
    }

    /// <summary>The value-dependent keys of a new VM: serial ports, USB and PCI devices, RNG source, tags.</summary>
    public void CheckCreateValues(VmId vmid, IReadOnlyDictionary<string, string> config)
    {
        if (IsRoot)
        {
            return;
        }
        foreach (var (key, value) in config)
        {
            if (SerialKey().IsMatch(key))
            {
                if (value != "socket")
                {
                    throw new ForbiddenException($"only root can set '{key}' config for real devices");
                }
                Require(VmPath(vmid), VmConfigPermissions.HwType);
            }
            else
            {
                CheckDeviceValue(vmid, key, value);
            }
        }
    }

    /// <summary>
    /// The value-dependent part of a config update, as Proxmox's update handler: for each deleted key its current value,
    /// for each set key its current value (if any) and its new one. Disks need VM.Config.Disk, CD-ROMs VM.Config.CDROM,
    /// cloud-init drives VM.Config.Cloudinit and VM.Config.CDROM.
    /// </summary>
    public void CheckUpdateValues(VmId vmid, IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> set, IEnumerable<string> deletes)
    {
        if (IsRoot)
        {
            return;
        }
        foreach (var key in deletes)
        {
            if (!current.TryGetValue(key, out var old))
            {
                continue; // Proxmox warns "not set in current configuration" and checks nothing
            }
            if (UnusedKey().IsMatch(key))
            {
                Require(VmPath(vmid), VmConfigPermissions.Disk);
            }
            else if (VmConfigPermissions.IsDrive(key))
            {
                CheckDrivePrivilege(vmid, key, old);
            }
            else if (SerialKey().IsMatch(key))
            {
                if (old != "socket")
                {
                    throw new ForbiddenException($"only root can delete '{key}' config for real devices");
                }
                Require(VmPath(vmid), VmConfigPermissions.HwType);
            }
            else
            {
                CheckDeviceValue(vmid, key, old);
            }
        }
        foreach (var (key, value) in set)
        {
            var old = current.GetValueOrDefault(key);
            if (VmConfigPermissions.IsDrive(key))
            {
                if (old is not null)
                {
                    CheckDrivePrivilege(vmid, key, old);
                }
                CheckDrivePrivilege(vmid, key, value);
            }
            else if (SerialKey().IsMatch(key))
            {
                if (old is not (null or "socket") || value != "socket")
                {
                    throw new ForbiddenException($"only root can modify '{key}' config for real devices");
                }
                Require(VmPath(vmid), VmConfigPermissions.HwType);
            }
            else
            {
                if (old is not null && key != "tags")
                {
                    CheckDeviceValue(vmid, key, old);
                }
                CheckDeviceValue(vmid, key, value);
            }
        }
    }

    /// <summary>
    /// Proxmox's <c>$check_cpu_model_access</c>: a custom CPU model (<c>cpu: custom-&lt;name&gt;</c>) needs Mapping.Use on
    /// <c>/mapping/cpu/&lt;name&gt;</c>, unless the VM already had that model.
    /// </summary>
    public void CheckCpuModel(string? cpu, string? existingCpu)
    {
        var model = CpuType(cpu);
        if (IsRoot || model is null || model == CpuType(existingCpu))
        {
            return;
        }
        if (model.StartsWith("custom-", StringComparison.Ordinal))
        {
            Require($"/mapping/cpu/{model["custom-".Length..]}", "Mapping.Use");
        }
    }

    private static string? CpuType(string? cpu) => cpu is null ? null : Properties("cpu", cpu, "cputype").GetValueOrDefault("cputype");

    private void CheckDrivePrivilege(VmId vmid, string key, string value)
    {
        var drive = DriveValue.Parse(key, value);
        if (drive.IsCloudInit)
        {
            Require(VmPath(vmid), VmConfigPermissions.Cloudinit, VmConfigPermissions.Cdrom);
        }
        else
        {
            Require(VmPath(vmid), drive.IsCdrom ? VmConfigPermissions.Cdrom : VmConfigPermissions.Disk);
        }
    }

    /// <summary>USB and PCI devices, the RNG source, virtiofs directories and tags (Proxmox's check_usb_perm, check_hostpci_perm, check_rng_perm, check_dir_perm, assert_tag_permissions).</summary>
    private void CheckDeviceValue(VmId vmid, string key, string value)
    {
        if (UsbKey().IsMatch(key))
        {
            Require(VmPath(vmid), VmConfigPermissions.HwType);
            var usb = Properties(key, value, "host");
            if (usb.TryGetValue("host", out var host))
            {
                if (!host.Equals("spice", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ForbiddenException($"only root can set '{key}' config for real devices");
                }
            }
            else if (usb.TryGetValue("mapping", out var mapping))
            {
                Require($"/mapping/usb/{mapping}", "Mapping.Use");
            }
            else
            {
                throw new ValidationException(key, "either 'host' or 'mapping' must be set.");
            }
        }
        else if (HostPciKey().IsMatch(key))
        {
            var pci = Properties(key, value, "host");
            if (pci.ContainsKey("host"))
            {
                throw new ForbiddenException($"only root can set '{key}' config for non-mapped devices");
            }
            if (!pci.TryGetValue("mapping", out var mapping))
            {
                throw new ValidationException(key, "either 'host' or 'mapping' must be set.");
            }
            Require($"/mapping/pci/{mapping}", "Mapping.Use");
            Require(VmPath(vmid), VmConfigPermissions.HwType);
            if (pci.ContainsKey("romfile"))
            {
                throw new ValidationException(key, "only root@pam can set 'romfile' option");
            }
        }
        else if (key == "rng0")
        {
            Require(VmPath(vmid), VmConfigPermissions.HwType);
            if (Properties(key, value, "source").GetValueOrDefault("source") == "/dev/hwrng")
            {
                Require("/mapping/hwrng", "Mapping.Use");
            }
        }
        else if (VirtiofsKey().IsMatch(key))
        {
            Require(VmPath(vmid), VmConfigPermissions.Disk);
            Require($"/mapping/dir/{Properties(key, value, "dirid").GetValueOrDefault("dirid")}", "Mapping.Use");
        }
        else if (key == "tags")
        {
            Require(VmPath(vmid), VmConfigPermissions.Options);
        }
    }

    private static Dictionary<string, string> Properties(string key, string value, string defaultKey)
    {
        try
        {
            return PropertyString.Parse(value, defaultKey).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            throw new ValidationException(key, $"invalid format - {e.Message}");
        }
    }

    [GeneratedRegex("^serial[0-9]+$")]
    private static partial Regex SerialKey();

    [GeneratedRegex("^usb[0-9]+$")]
    private static partial Regex UsbKey();

    [GeneratedRegex("^hostpci[0-9]+$")]
    private static partial Regex HostPciKey();

    [GeneratedRegex("^virtiofs[0-9]+$")]
    private static partial Regex VirtiofsKey();

    [GeneratedRegex("^unused[0-9]+$")]
    private static partial Regex UnusedKey();
}
