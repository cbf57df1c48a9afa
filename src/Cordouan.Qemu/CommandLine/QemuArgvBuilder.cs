using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;

namespace Cordouan.Qemu.CommandLine;

/// <summary>
/// Pure conversion of a <see cref="VmLaunchSpec"/> into QEMU's arguments (everything after the program name).
/// QEMU always starts paused (<c>-S</c>) and daemonized; the driver resumes it once the monitor is attached.
/// Invalid specs raise <see cref="ValidationException"/> listing every offending field.
/// </summary>
public static partial class QemuArgvBuilder
{
    /// <summary>Builds the arguments; <paramref name="accelerator"/> must already be resolved (Kvm or Tcg).</summary>
    public static IReadOnlyList<string> Build(VmLaunchSpec spec, QemuRunPaths paths, Accelerator accelerator)
    {
        if (accelerator is not (Accelerator.Kvm or Accelerator.Tcg))
        {
            throw new ArgumentException("The accelerator must be resolved to kvm or tcg before building argv", nameof(accelerator));
        }
        var errors = new Dictionary<string, string>();
        Validate(spec, errors);
        var bootIndexes = BootIndexes(spec, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var args = new List<string>
        {
            "-name", Escape(spec.Name),
            "-no-user-config",
            "-nodefaults",
            "-machine", MachineValue(spec, accelerator),
            "-cpu", spec.CpuModel,
            "-smp", Invariant($"{spec.Sockets * spec.Cores},sockets={spec.Sockets},cores={spec.Cores},maxcpus={spec.Sockets * spec.Cores}"),
            "-m", Invariant($"{spec.MemoryMiB}"),
        };
        if (spec.SmbiosUuid != Guid.Empty)
        {
            args.AddRange(["-uuid", spec.SmbiosUuid.ToString("D")]);
        }
        args.AddRange(
        [
            "-display", "none",
            "-device", "VGA,id=vga",
            "-vnc", $"unix:{Escape(paths.VncSocket)}",
            "-qmp", paths.QmpArgument,
            "-chardev", $"socket,id=serial0,path={Escape(paths.SerialSocket)},server=on,wait=off",
            "-serial", "chardev:serial0",
            "-pidfile", paths.PidFile,
            "-daemonize",
            "-S",
        ]);
        if (spec.Incoming)
        {
            args.AddRange(["-incoming", "defer"]);
        }
        AddDrives(spec, bootIndexes, args);
        AddNics(spec, bootIndexes, args);
        return args;
    }

    /// <summary>Escapes a value for QEMU's <c>key=value,...</c> option syntax (a literal comma is doubled).</summary>
    public static string Escape(string value) => value.Replace(",", ",,");

    private static string MachineValue(VmLaunchSpec spec, Accelerator accelerator)
    {
        var value = $"type={spec.Machine},accel={(accelerator == Accelerator.Kvm ? "kvm" : "tcg")}";
        return spec.Acpi ? value : value + ",acpi=off";
    }

    private static void Validate(VmLaunchSpec spec, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            errors["name"] = "must not be empty";
        }
        if (!MachinePattern().IsMatch(spec.Machine))
        {
            errors["machine"] = $"invalid machine type '{spec.Machine}'";
        }
        if (spec.MemoryMiB < 16)
        {
            errors["memory"] = "must be at least 16 MiB";
        }
        if (spec.Sockets < 1)
        {
            errors["sockets"] = "must be at least 1";
        }
        if (spec.Cores < 1)
        {
            errors["cores"] = "must be at least 1";
        }
        if (spec.Drives.Any(d => d.Bus == DiskBus.Scsi) && ScsiControllerModel(spec.ScsiController) is null)
        {
            errors["scsihw"] = $"unknown SCSI controller '{spec.ScsiController}'";
        }
        foreach (var duplicate in spec.Drives.Select(d => d.Id).Concat(spec.Nics.Select(n => n.Id))
                     .GroupBy(id => id).Where(g => g.Count() > 1))
        {
            errors[duplicate.Key] = "is defined twice";
        }
        foreach (var drive in spec.Drives)
        {
            ValidateDrive(spec, drive, errors);
        }
        foreach (var nic in spec.Nics)
        {
            ValidateNic(nic, errors);
        }
    }

    /// <summary>bootindex per device id: the boot order's position (from 100), or the first disk when no order is given.</summary>
    private static Dictionary<string, int> BootIndexes(VmLaunchSpec spec, Dictionary<string, string> errors)
    {
        var indexes = new Dictionary<string, int>();
        var known = spec.Drives.Select(d => d.Id).Concat(spec.Nics.Select(n => n.Id)).ToHashSet();
        var order = spec.BootOrder.Count > 0
            ? spec.BootOrder
            : SortedDrives(spec).Where(d => !d.IsCdrom).Select(d => d.Id).Take(1).ToList();
        foreach (var id in order)
        {
            if (!known.Contains(id))
            {
                errors["boot"] = $"boot device '{id}' does not exist";
                continue;
            }
            indexes.TryAdd(id, 100 + indexes.Count);
        }
        return indexes;
    }

    [GeneratedRegex("^[a-z]+[0-9]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex FormatPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex MachinePattern();

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
