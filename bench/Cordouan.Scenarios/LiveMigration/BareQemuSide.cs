using Cordouan.Scenarios.StartOverhead;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>One bare QEMU of the baseline, launched inside a lab host's network namespace, with its QMP monitor and timed serial console.</summary>
public sealed class BareQemuSide : IAsyncDisposable
{
    private static readonly TimeSpan ConsoleTimeout = TimeSpan.FromSeconds(30);

    private BareQemuSide(LabHost host, string runDirectory, BareQemu qemu, TinyQmp qmp, TimedConsole console)
    {
        Host = host;
        RunDirectory = runDirectory;
        Qemu = qemu;
        Qmp = qmp;
        Console = console;
    }

    public LabHost Host { get; }

    public string RunDirectory { get; }

    public BareQemu Qemu { get; }

    public TinyQmp Qmp { get; }

    public TimedConsole Console { get; }

    /// <summary>Runs <paramref name="argv"/> (<c>-daemonize</c>, paths in <paramref name="runDirectory"/>) inside <paramref name="host"/> and attaches QMP and the console.</summary>
    public static async Task<BareQemuSide> LaunchAsync(LabHost host, IReadOnlyList<string> argv, string runDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(runDirectory);
        var qemu = await BareQemu.LaunchAsync(host.Command([.. argv]), runDirectory, cancellationToken);
        TinyQmp? qmp = null;
        try
        {
            qmp = await TinyQmp.ConnectAsync(Path.Combine(runDirectory, "qmp.sock"), cancellationToken);
            var console = await TimedConsole.ConnectAsync(Path.Combine(runDirectory, "serial0.sock"), ConsoleTimeout, cancellationToken);
            return new BareQemuSide(host, runDirectory, qemu, qmp, console);
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

    /// <summary>Quits QEMU (if it is still there) and waits, bounded, until its process is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await BareQemu.QuitAsync(Qmp, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already quit, or gone after a completed migration: the wait below is what matters.
        }
        await Qmp.DisposeAsync();
        await Console.DisposeAsync();
        await Qemu.DisposeAsync();
    }
}
