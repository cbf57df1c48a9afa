using System.Globalization;
using System.Net;
using System.Security;

namespace Cordouan.Scenarios.LiveMigration.Libvirt;

/// <summary>
/// The files one bench libvirtd reads (test-only: plain TCP without authentication, on a lab address) and the domain
/// both sides run: the guest cordouand runs (same RAM, CPU model, machine type, virtio-scsi disk in qcow2, virtio NIC
/// on user networking, serial on a unix socket, VGA with VNC on a unix socket), as libvirt XML.
/// </summary>
public static class LibvirtConfig
{
    /// <summary>The domain's name on both sides.</summary>
    public const string DomainName = "benchmig";

    /// <summary>The serial console socket, as the daemons (in their mount namespaces) see it.</summary>
    public const string SerialSocket = "/var/lib/libvirt/serial0.sock";

    private const string VncSocket = "/var/lib/libvirt/vnc.sock";

    /// <summary>
    /// <c>libvirtd.conf</c>: TCP on <paramref name="address"/> only, no TLS, no authentication (the lab is private to
    /// this machine); debug logging of the migration code, so a failure can be read in the daemon's log.
    /// </summary>
    public static string Daemon(IPAddress address) => $"""
        listen_tls = 0
        listen_tcp = 1
        auth_tcp = "none"
        listen_addr = "{address}"
        log_outputs = "1:file:/var/log/libvirt/libvirtd.log"
        log_filters = "1:qemu.qemu_migration 3:util 3:rpc 3:event 3:object"

        """;

    /// <summary>
    /// <c>qemu.conf</c>: QEMU as root with no relabelling or security driver (the bench's files are root's), no
    /// per-domain mount namespace and no cgroups (so every process stays in the daemon's mount namespace, which the
    /// cleanup empties, and nothing is left in the host's cgroup tree), and migration streams on the lab address:
    /// libvirt otherwise advertises the machine's hostname, which the other namespace cannot resolve to a lab address.
    /// </summary>
    public static string Qemu(IPAddress address) => $"""
        user = "root"
        group = "root"
        dynamic_ownership = 0
        remember_owner = 0
        security_driver = "none"
        namespaces = [ ]
        cgroup_controllers = [ ]
        migration_address = "{address}"
        migration_host = "{address}"

        """;

    /// <summary>The domain: TCG (<c>type='qemu'</c>), <paramref name="memoryMiB"/> MiB, one vCPU, the disk at <paramref name="disk"/>.</summary>
    public static string Domain(int memoryMiB, string disk) => string.Create(CultureInfo.InvariantCulture, $"""
        <domain type='qemu'>
          <name>{DomainName}</name>
          <memory unit='MiB'>{memoryMiB}</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
          <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>restart</on_reboot>
          <on_crash>destroy</on_crash>
          <devices>
            <emulator>/usr/bin/qemu-system-x86_64</emulator>
            <controller type='scsi' index='0' model='virtio-scsi'/>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='{SecurityElement.Escape(disk)}'/>
              <target dev='sda' bus='scsi'/>
            </disk>
            <interface type='user'><mac address='52:54:00:be:9c:01'/><model type='virtio'/></interface>
            <serial type='unix'><source mode='bind' path='{SerialSocket}'/><target port='0'/></serial>
            <graphics type='vnc'><listen type='socket' socket='{VncSocket}'/></graphics>
            <video><model type='vga'/></video>
            <memballoon model='none'/>
          </devices>
        </domain>

        """);
}
