using System.Net.WebSockets;

namespace Cordouan.Cli.Commands.Consoles;

/// <summary>Pumps bytes between a terminal (or pipes) and a serial-console WebSocket until one side ends.</summary>
public static class SerialConsoleSession
{
    /// <summary>Ctrl-] (0x1D), the telnet-style detach key.</summary>
    public const byte DetachKey = 0x1D;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the session. Input goes to the VM as binary frames (up to the detach key when
    /// <paramref name="detachOnKey"/>); frames from the VM are written to <paramref name="output"/> as they come.
    /// </summary>
    public static async Task<ConsoleExitReason> RunAsync(
        WebSocket socket, Stream input, Stream output, bool detachOnKey, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = PumpToOutputAsync(socket, output, stop.Token);
        var sending = PumpFromInputAsync(socket, input, detachOnKey, stop.Token);
        if (await Task.WhenAny(receiving, sending) == sending)
        {
            var reason = await sending;
            await CloseAsync(socket, reason == ConsoleExitReason.Detached ? "detached" : "input ended", cancellationToken);
            try
            {
                await receiving.WaitAsync(DrainTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                socket.Abort();
            }
            return reason;
        }
        await receiving;
        // A blocking terminal read cannot be cancelled; the input pump ends when its read returns or the process exits.
        await stop.CancelAsync();
        return ConsoleExitReason.ConnectionClosed;
    }

    private static async Task<ConsoleExitReason> PumpFromInputAsync(WebSocket socket, Stream input, bool detachOnKey, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var read = await input.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return ConsoleExitReason.InputEnded;
            }
            var detachAt = detachOnKey ? Array.IndexOf(buffer, DetachKey, 0, read) : -1;
            var count = detachAt >= 0 ? detachAt : read;
            if (count > 0)
            {
                await socket.SendAsync(buffer.AsMemory(0, count), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            }
            if (detachAt >= 0)
            {
                return ConsoleExitReason.Detached;
            }
        }
    }

    private static async Task PumpToOutputAsync(WebSocket socket, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                await output.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }
        catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
        {
            // The daemon went away without a close frame; for the user that is just "connection closed".
        }
    }

    private static async Task CloseAsync(WebSocket socket, string description, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, cancellationToken);
            }
            catch (WebSocketException)
            {
                // Already broken: the receive loop reports the end.
            }
        }
    }
}
