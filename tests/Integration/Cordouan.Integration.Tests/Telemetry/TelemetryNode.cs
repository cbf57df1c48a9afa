using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Telemetry;

/// <summary>
/// One cordouand whose <c>/metrics</c> is open without credentials to 127.0.0.3 only (so a client on 127.0.0.1 must
/// authenticate), with one (stopped) VM, 100, whose figures the collector has sampled at least once.
/// </summary>
public sealed class TelemetryNode : IAsyncLifetime
{
    public const int VmId = 100;
    public const long VmMemory = 64L * 1024 * 1024;

    public CordouandNode Node { get; } = new(extraArguments: ["--metrics-allow", "127.0.0.3/32"]);

    public PveHttp Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Node.StartAsync(timeout.Token);
        Admin = await Node.AdminAsync(timeout.Token);
        await Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{Node.NodeName}/qemu", new() { ["vmid"] = $"{VmId}", ["memory"] = "64", ["name"] = "telemetry-vm" }, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await Node.DisposeAsync();
    }
}
