using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cordouan.Node.Ha.Guard;
using Xunit;

namespace Cordouan.Node.Tests.Ha.Guard;

/// <summary>
/// The fence guard's watchdog feeding, with a regular file standing in for <c>/dev/watchdog</c> (a real softdog would
/// reset this machine): keepalives while nothing is stuck, a real process killed at a passed deadline, the magic close
/// on a deliberate stop.
/// </summary>
public sealed class FenceGuardWatchdogTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("cordouan-guard-").FullName;

    private string Device => Path.Combine(_directory, "watchdog");

    [Fact]
    public async Task Guard_FeedsTheWatchdog_KillsAtThePassedDeadlineAndFeedsOn_DisarmsOnStop()
    {
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllBytes(Device, []);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var guard = new FenceGuardServer(Path.Combine(_directory, "guard.sock"), Path.Combine(_directory, "guard.log"), Device);
        var running = guard.RunAsync(stop.Token);
        await WaitUntilAsync("two keepalives", () => DeviceText().Length >= 2, ct);

        using var vm = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(_directory, "guard.sock")), ct);
        var passed = (Stopwatch.GetTimestamp() - 1).ToString(CultureInfo.InvariantCulture);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"deadline {passed}\narm 7 {vm.Id.ToString(CultureInfo.InvariantCulture)}\n"), SocketFlags.None, ct);

        using (var killed = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            killed.CancelAfter(Bound);
            await vm.WaitForExitAsync(killed.Token);
        }
        var fed = DeviceText().Length;
        // Killed for good: the host is fine, the watchdog goes on being fed.
        await WaitUntilAsync("keepalives after the kill", () => DeviceText().Length >= fed + 2, ct);
        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(Bound, ct));

        var text = DeviceText();
        Assert.EndsWith("V", text, StringComparison.Ordinal);
        Assert.Equal(text.Length - 1, text.Count(c => c == '.'));
        var log = await File.ReadAllTextAsync(Path.Combine(_directory, "guard.log"), ct);
        Assert.Contains($"killed VM 7 (pid {vm.Id})", log, StringComparison.Ordinal);
        Assert.Contains("disarmed (magic close)", log, StringComparison.Ordinal);
    }

    private string DeviceText() => File.ReadAllText(Device);

    private static async Task WaitUntilAsync(string what, Func<bool> condition, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, $"not within {Bound.TotalSeconds:0} s: {what}");
            await Task.Delay(100, ct);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
