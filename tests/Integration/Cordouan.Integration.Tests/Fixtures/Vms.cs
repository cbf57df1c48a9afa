using Cordouan.Testing.Daemon;
using System.Globalization;

namespace Cordouan.Integration.Tests.Fixtures;

/// <summary>Test-guest VMs through the API, the way an operator would create them.</summary>
public static class Vms
{
    public static string Path(string node, int vmid, string rest = "") => $"/nodes/{node}/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}{rest}";

    /// <summary>Creates a VM whose scsi0 is a copy of the test guest, with its serial console on a socket.</summary>
    public static async Task CreateGuestAsync(PveHttp http, string node, int vmid, string guestImage, CancellationToken cancellationToken, bool start = false, string? name = null, string storage = "local")
    {
        // Importing a host path is root@pam's alone (as in Proxmox), whoever drives the rest of the test.
        using var root = await http.AsRootAsync(cancellationToken);
        await root.RunTaskAsync(HttpMethod.Post, $"/nodes/{node}/qemu", new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["name"] = name ?? $"guest{vmid}",
            ["memory"] = "160",
            ["cores"] = "1",
            ["scsi0"] = $"{storage}:0,import-from={guestImage}",
            ["net0"] = "virtio",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
            ["start"] = start ? "1" : "0",
        }, cancellationToken);
    }

    public static async Task<string> StatusAsync(PveHttp http, string node, int vmid, CancellationToken cancellationToken) =>
        (await http.GetAsync(Path(node, vmid, "/status/current"), cancellationToken)).EnsureOk().Data!["status"]!.GetValue<string>();

    public static Task StartAsync(PveHttp http, string node, int vmid, CancellationToken cancellationToken) =>
        http.RunTaskAsync(HttpMethod.Post, Path(node, vmid, "/status/start"), null, cancellationToken);

    public static Task StopAsync(PveHttp http, string node, int vmid, CancellationToken cancellationToken) =>
        http.RunTaskAsync(HttpMethod.Post, Path(node, vmid, "/status/stop"), null, cancellationToken);

    public static Task DestroyAsync(PveHttp http, string node, int vmid, CancellationToken cancellationToken) =>
        http.RunTaskAsync(HttpMethod.Delete, Path(node, vmid), null, cancellationToken);
}
