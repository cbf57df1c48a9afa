using System.Globalization;
using Cordouan.Testing;

namespace Cordouan.Scenarios.NetThroughput;

/// <summary>
/// One TCP stream between two test guests, as the guests report it: <c>NET-RECV</c> on the receiver (busybox
/// <c>nc -l | wc -c</c>, answers with the byte count once the sender closes), <c>NET-SEND</c> on the sender (zeros
/// for a fixed number of seconds, cut by <c>timeout</c>). Throughput = bytes received / those seconds.
/// </summary>
public static class GuestStream
{
    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(60);

    /// <summary>Streams from <paramref name="sender"/> to <paramref name="receiver"/> (at <paramref name="receiverAddress"/>) for <paramref name="seconds"/> s; MB/s (10^6 bytes).</summary>
    public static async Task<double> MeasureAsync(
        SerialConsole sender, SerialConsole receiver, string receiverAddress, int port, int seconds, CancellationToken cancellationToken)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var mark = receiver.LineCount;
        await receiver.SendLineAsync($"NET-RECV {portText}", cancellationToken);
        // NET-RECV answers only at the end; a round trip on the same console shell proves its listener was forked
        // (the guest reads commands one at a time and forks nc before reading the next line).
        await new GuestNetwork(receiver).NicsAsync(cancellationToken);
        var sendMark = sender.LineCount;
        await sender.SendLineAsync($"NET-SEND {receiverAddress} {portText} {seconds.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        var timeout = TimeSpan.FromSeconds(seconds) + Slack;
        await sender.WaitForLineAsync("NET-SEND-DONE", l => l == $"NET-SEND-DONE {receiverAddress}", sendMark, timeout, cancellationToken);
        var answer = await receiver.WaitForLineAsync(
            $"NET-RECV-BYTES {portText}", l => l.StartsWith($"NET-RECV-BYTES {portText} ", StringComparison.Ordinal), mark, BarrierTimeout + Slack, cancellationToken);
        var bytes = long.Parse(answer.Split(' ')[2], NumberStyles.None, CultureInfo.InvariantCulture);
        if (bytes == 0)
        {
            throw new InvalidOperationException($"guest stream to {receiverAddress}:{portText} carried no bytes");
        }
        return bytes / 1e6 / seconds;
    }
}
