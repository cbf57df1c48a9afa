using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Cordouan.Core.Ids;

namespace Cordouan.Node.Config;

/// <summary>
/// What a volume name says about its content, as Proxmox's <c>parse_volname</c> reads it for dir and rbd storages:
/// a VM disk (<c>images</c>) and the VM owning it, or a file of another content type (<c>iso/…</c>, <c>import/…</c>,
/// <c>vztmpl/…</c>, <c>snippets/…</c>, <c>backup/vzdump-qemu-&lt;vmid&gt;-…</c>). Permission checks decide from it who may use a volume.
/// </summary>
/// <param name="Type">Proxmox content type: images, iso, import, vztmpl, snippets or backup.</param>
/// <param name="Owner">The VM a disk (or backup) belongs to; null for the other content types.</param>
public sealed partial record VolumeContent(string Type, VmId? Owner)
{
    /// <summary>
    /// Classifies a volume name: a linked clone (<c>100/base-100-disk-0.qcow2/101/vm-101-disk-0.qcow2</c>,
    /// <c>base-100-disk-0/vm-101-disk-0</c>) belongs to the VM of its last part. False when the name is none of these.
    /// </summary>
    public static bool TryParse(VolumeId volume, [NotNullWhen(true)] out VolumeContent? content)
    {
        content = null;
        var name = volume.Name;
        var file = FilePattern().Match(name);
        if (file.Success)
        {
            var type = file.Groups["content"].Value;
            VmId? owner = null;
            if (type == "backup")
            {
                var backup = BackupPattern().Match(file.Groups["file"].Value);
                owner = backup.Success && VmId.TryParse(backup.Groups["vmid"].Value, out var b) ? b : null;
            }
            content = new VolumeContent(type, owner);
            return true;
        }
        var leaf = name[(name.LastIndexOf('/') + 1)..];
        var disk = DiskPattern().Match(leaf);
        if (!disk.Success || !VmId.TryParse(disk.Groups["vmid"].Value, out var diskOwner))
        {
            return false;
        }
        // A dir disk sits in its owner's directory (<c>100/vm-100-disk-0.qcow2</c>): both numbers must agree.
        var parts = name.Split('/');
        if (parts.Length >= 2 && parts[^2].All(char.IsAsciiDigit) && parts[^2] != diskOwner.ToString())
        {
            return false;
        }
        content = new VolumeContent("images", diskOwner);
        return true;
    }

    [GeneratedRegex(@"^(?<content>iso|vztmpl|snippets|import|backup)/(?<file>[^/]+)$")]
    private static partial Regex FilePattern();

    [GeneratedRegex(@"^(vm|base)-(?<vmid>[1-9][0-9]{2,8})-(disk-[0-9]+|cloudinit)(\.(qcow2|raw|vmdk))?$")]
    private static partial Regex DiskPattern();

    [GeneratedRegex(@"^vzdump-(qemu|lxc|openvz)-(?<vmid>[1-9][0-9]{2,8})-")]
    private static partial Regex BackupPattern();
}
