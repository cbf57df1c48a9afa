using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Security;

/// <summary>
/// One cordouand whose data directory was left world-readable (0755) before its first start, as an operator's mkdir
/// would leave it, with one VM disk on the local storage.
/// </summary>
public sealed class SealedNode : IAsyncLifetime
{
    public const int VmId = 4242;

    public CordouandNode Node { get; } = new("sealed1");

    public PveHttp Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        File.SetUnixFileMode(Node.Data.Path,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await Node.StartAsync(timeout.Token);
        Admin = await Node.AdminAsync(timeout.Token);
        await Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{Node.NodeName}/qemu", new()
        {
            ["vmid"] = VmId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = "128",
            ["scsi0"] = "local:1",
        }, timeout.Token);
    }

    /// <summary>The VM's disk image on the local storage.</summary>
    public string ImagePath =>
        Directory.EnumerateFiles(Node.Data.Path, $"vm-{VmId}-disk-0.*", SearchOption.AllDirectories).Single();

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await Node.DisposeAsync();
    }
}
