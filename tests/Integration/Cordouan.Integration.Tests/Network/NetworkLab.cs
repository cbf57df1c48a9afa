using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;
using Xunit;

namespace Cordouan.Integration.Tests.Network;

/// <summary>
/// One cordouand inside its own lab namespace ("net"), where the tests create bridges freely: nothing they do
/// reaches the host's interfaces. <c>vmbr0</c> (a plain bridge without uplink) exists from the start.
/// </summary>
public sealed class NetworkLab : IAsyncLifetime
{
    public NetnsLab Lab { get; private set; } = null!;

    public LabHost Host { get; private set; } = null!;

    public CordouandNode Node { get; private set; } = null!;

    public PveHttp Admin { get; private set; } = null!;

    public string GuestImage { get; private set; } = "";

    public string NodeName => Node.NodeName;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Requirements.Qemu();
        GuestImage = await SharedNode.GuestImageAsync(timeout.Token);
        Lab = await NetnsLab.CreateAsync(timeout.Token);
        Host = await Lab.AddHostAsync("net", timeout.Token);
        await AddBridgeAsync("vmbr0", timeout.Token);
        Node = new CordouandNode(Host);
        await Node.StartAsync(timeout.Token);
        Admin = await Node.AdminAsync(timeout.Token);
    }

    public async Task AddBridgeAsync(string name, CancellationToken cancellationToken)
    {
        await Host.RunAsync(["ip", "link", "add", name, "type", "bridge"], cancellationToken);
        await Host.RunAsync(["ip", "link", "set", name, "up"], cancellationToken);
    }

    /// <summary>Names of the links in the node's namespace.</summary>
    public async Task<IReadOnlyList<string>> LinksAsync(CancellationToken cancellationToken)
    {
        var result = await Host.RunAsync(["ip", "-o", "link", "show"], cancellationToken);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3)[1].Trim().Split('@')[0])];
    }

    /// <summary>The bridge <paramref name="link"/> is a port of, or null.</summary>
    public async Task<string?> MasterOfAsync(string link, CancellationToken cancellationToken)
    {
        var result = await Host.RunAsync(["ip", "-o", "link", "show", "dev", link], cancellationToken);
        var fields = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(fields, "master");
        return at < 0 ? null : fields[at + 1];
    }

    /// <summary>Creates and starts a test-guest VM with the given NICs and returns its serial console, once the guest runs.</summary>
    public async Task<SerialConsole> StartGuestAsync(int vmid, IReadOnlyDictionary<string, string> nics, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["vmid"] = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = $"net{vmid}",
            ["memory"] = "128",
            ["scsi0"] = $"local:0,import-from={Node.ImportVolume(GuestImage)}",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
            ["start"] = "1",
        };
        foreach (var (key, value) in nics)
        {
            form[key] = value;
        }
        await Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", form, cancellationToken);
        var console = await SerialConsole.ConnectAsync(Node.SerialSocket(vmid), TimeSpan.FromSeconds(30), cancellationToken);
        await console.WaitForHeartbeatAsync(0, TimeSpan.FromSeconds(90), cancellationToken);
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}

[CollectionDefinition("network")]
public sealed class NetworkLabCollection : ICollectionFixture<NetworkLab>;
