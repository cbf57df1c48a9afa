using Cordouan.Scenarios.LiveMigration;

namespace Cordouan.Scenarios.Failover;

/// <summary>Reads the test guest's console: its boot banner <c>GUEST-UP</c>, then <c>HB n</c> every 0.2 s.</summary>
public static class GuestBeats
{
    /// <summary>The first heartbeat of a boot; throws when the banner was not seen before it (connected too late: the first HB seen is not the first sent).</summary>
    public static async Task<TimedLine> FirstAsync(TimedConsole console, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = await console.WaitForHeartbeatAsync(-1, timeout, cancellationToken);
        if (!console.Lines.TakeWhile(l => l.Heartbeat is null).Any(l => l.Text.StartsWith("GUEST-UP", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"serial console {console.SocketPath}: connected after the guest's boot banner; the first HB seen is not the first sent");
        }
        return first;
    }

    /// <summary>A heartbeat received after this call (the guest is beating now); returns its value.</summary>
    public static async Task<int> FreshAsync(TimedConsole console, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var last = console.Lines.LastOrDefault(l => l.Heartbeat is not null)?.Heartbeat ?? -1;
        return (await console.WaitForHeartbeatAsync(last, timeout, cancellationToken)).Heartbeat!.Value;
    }

    /// <summary>The last heartbeat received so far.</summary>
    public static int Last(TimedConsole console) =>
        console.Lines.LastOrDefault(l => l.Heartbeat is not null)?.Heartbeat
            ?? throw new InvalidOperationException($"serial console {console.SocketPath}: no heartbeat received");
}
