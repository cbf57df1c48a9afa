using Cordouan.Scenarios.StartOverhead;
using Cordouan.Testing;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.NetThroughput;

/// <summary>
/// A test guest of the baseline: the argv cordouand gave the VM's QEMU (run directory and disk rewritten to the
/// bench's, tap name and MAC kept), run by hand inside a lab host whose taps the bench made with <c>ip</c>; resumed over
/// QMP (the argv keeps <c>-S</c>) once its console is attached, so the console sees the whole boot.
/// </summary>
public sealed class BareGuest : IAsyncDisposable
{
    private static readonly TimeSpan ConsoleTimeout = TimeSpan.FromSeconds(30);

    private readonly BareQemu _qemu;
    private readonly TinyQmp _qmp;

    private BareGuest(BareQemu qemu, TinyQmp qmp, SerialConsole console)
    {
        _qemu = qemu;
        _qmp = qmp;
        Console = console;
    }

    public SerialConsole Console { get; }

    public static async Task<BareGuest> LaunchAsync(LabHost host, IReadOnlyList<string> argv, string runDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(runDirectory);
        var qemu = await BareQemu.LaunchAsync(host.Command([.. argv]), runDirectory, cancellationToken);
        TinyQmp? qmp = null;
        try
        {
            qmp = await TinyQmp.ConnectAsync(Path.Combine(runDirectory, "qmp.sock"), cancellationToken);
            var console = await SerialConsole.ConnectAsync(Path.Combine(runDirectory, "serial0.sock"), ConsoleTimeout, cancellationToken);
            await qmp.ExecuteAsync("cont", cancellationToken);
            return new BareGuest(qemu, qmp, console);
        }
        catch
        {
            if (qmp is not null)
            {
                await BareQemu.QuitAsync(qmp, CancellationToken.None);
                await qmp.DisposeAsync();
            }
            await qemu.DisposeAsync();
            throw;
        }
    }

    /// <summary>The disk image file in a cordouand QEMU argv (<c>-blockdev driver=file,…,filename=PATH</c>).</summary>
    public static string DiskOf(IReadOnlyList<string> argv)
    {
        var blockdev = argv.FirstOrDefault(a => a.StartsWith("driver=file,", StringComparison.Ordinal) && a.Contains("filename=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no file blockdev in QEMU's argv: {string.Join(' ', argv)}");
        return blockdev.Split("filename=", 2)[1].Split(',')[0];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await BareQemu.QuitAsync(_qmp, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already gone: the bounded wait below is what matters.
        }
        await _qmp.DisposeAsync();
        await Console.DisposeAsync();
        await _qemu.DisposeAsync();
    }
}
