using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Qemu.Qmp.Events;
using Cordouan.Qemu.Qmp.Protocol;
using Microsoft.Extensions.Logging;

namespace Cordouan.Qemu.Qmp.Monitor;

/// <summary>
/// One VM's QMP monitor on its unix socket. <see cref="ExecuteAsync"/> returns the command's <c>return</c> value
/// and raises <see cref="QmpException"/> for a QMP error, <see cref="TimeoutException"/> when QEMU does not
/// answer within the command timeout, and <see cref="QmpProtocolException"/> when the connection is gone.
/// QEMU serves one QMP client per socket: a second connection waits until the first one closes.
/// </summary>
public sealed partial class QmpMonitor : IAsyncDisposable
{
    private readonly QmpConnection _connection;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _commandTimeout;

    private QmpMonitor(QmpConnection connection, string socketPath, ILogger logger, TimeProvider timeProvider, TimeSpan commandTimeout)
    {
        _connection = connection;
        SocketPath = socketPath;
        _logger = logger;
        _timeProvider = timeProvider;
        _commandTimeout = commandTimeout;
    }

    public string SocketPath { get; }

    /// <summary>QEMU's version and capabilities as announced on connect.</summary>
    public QmpGreeting Greeting => _connection.Greeting;

    /// <summary>Completes when QEMU closed the socket (it exited) or the monitor was disposed.</summary>
    public Task Closed => _connection.Closed;

    public bool IsClosed => _connection.Closed.IsCompleted;

    /// <summary>Connects, reads the greeting and negotiates capabilities within <paramref name="timeout"/>.</summary>
    public static async Task<QmpMonitor> ConnectAsync(
        string socketPath, TimeSpan timeout, ILogger logger, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), linked.Token);
            var connection = await QmpConnection.OpenAsync(new NetworkStream(socket, ownsSocket: true), linked.Token);
            Log.Connected(logger, socketPath, connection.Greeting.QemuVersion);
            return new QmpMonitor(connection, socketPath, logger, timeProvider, timeout);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException(
                $"QMP at {socketPath} did not complete its handshake within {timeout.TotalSeconds:0.#} s (is another client connected?)");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new QmpProtocolException($"Failed to connect to QMP at {socketPath}: {e.Message}", e);
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs one command and returns its <c>return</c> value.</summary>
    public async Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var chatty = command is "query-status";
        if (!chatty)
        {
            Log.Sending(_logger, SocketPath, command);
        }
        using var timeoutSource = new CancellationTokenSource(_commandTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        QmpResponse response;
        try
        {
            response = await _connection.SendAsync(command, arguments, linked.Token);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"QMP command {command} on {SocketPath} got no reply within {_commandTimeout.TotalSeconds:0.#} s");
        }
        if (response.Error is { } error)
        {
            Log.CommandFailed(_logger, SocketPath, command, error.Class, error.Description);
            throw new QmpException(command, error.Class, error.Description);
        }
        if (!chatty)
        {
            Log.Succeeded(_logger, SocketPath, command);
        }
        return response.Return;
    }

    /// <summary>Starts receiving events; arm it before the action that triggers them.</summary>
    public QmpEventSubscription Subscribe() => _connection.Subscribe();

    /// <summary>Closes our connection; QEMU keeps running.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
