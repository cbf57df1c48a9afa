using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Node.Config;

namespace Cordouan.Api.Endpoints.Qemu.Permissions;

/// <summary>
/// A drive value as the permission checks read it: its volume (<c>file</c>), whether it is a CD-ROM or a cloud-init drive,
/// and what it imports from. Bus disks are parsed by <see cref="DiskConfig"/>; <c>efidisk0</c>/<c>tpmstate0</c> by their property string.
/// </summary>
public sealed partial record DriveValue(string Key, string File, bool IsCdrom, string? ImportFrom)
{
    /// <summary>Proxmox's <c>drive_is_cloudinit</c>: <c>storage:cloudinit</c> or a <c>vm-&lt;id&gt;-cloudinit</c> volume.</summary>
    public bool IsCloudInit => CloudInitFile().IsMatch(File);

    /// <summary>Parses a drive value; a malformed one is a 400 on its key.</summary>
    public static DriveValue Parse(string key, string value)
    {
        try
        {
            if (DiskConfig.IsDiskKey(key))
            {
                var disk = DiskConfig.Parse(key, value);
                return new DriveValue(key, disk.File, disk.IsCdrom, disk.Options.GetValueOrDefault("import-from"));
            }
            var pairs = PropertyString.Parse(value, "file").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var file = pairs.GetValueOrDefault("file");
            if (string.IsNullOrEmpty(file))
            {
                throw new FormatException($"invalid format - format error {key}.file: property is missing and it is not optional");
            }
            return new DriveValue(key, file, pairs.GetValueOrDefault("media") == "cdrom", pairs.GetValueOrDefault("import-from"));
        }
        catch (FormatException e)
        {
            throw new ValidationException(key, e.Message);
        }
    }

    [GeneratedRegex(@"[:/](vm-[0-9]+-)?cloudinit(\.(qcow2|raw|vmdk))?$")]
    private static partial Regex CloudInitFile();
}
