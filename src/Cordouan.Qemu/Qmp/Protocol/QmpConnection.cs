using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Qemu.Qmp.Events;

namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>
/// The QMP wire protocol over a byte stream (one JSON object per line): reads the greeting, negotiates
/// capabilities, correlates replies to commands by <c>id</c> and dispatches events to subscribers.
/// Commands may be sent concurrently (writes are serialized). When the peer closes, pending commands fail
/// with <see cref="QmpProtocolException"/> and every subscription completes. Owns the streams.
/// </summary>
public sealed class QmpConnection : IAsyncDisposable
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<QmpResponse>> _pending = new();
    private readonly Lock _stateLock = new();
    private readonly List<QmpEventSubscription> _subscribers = [];
    private readonly CancellationTokenSource _stopReading = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private bool _isClosed;
    private Exception? _closeReason;

    private QmpConnection(Stream input, Stream output, QmpGreeting greeting, StreamReader reader)
    {
        _input = input;
        _output = output;
        Greeting = greeting;
        _reader = reader;
    }

    /// <summary>What the peer announced on connect.</summary>
    public QmpGreeting Greeting { get; }

    /// <summary>Completes when the peer closed the connection, it broke the protocol, or it was disposed.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Opens QMP on a duplex stream (a unix socket): greeting, then <c>qmp_capabilities</c>.</summary>
    public static Task<QmpConnection> OpenAsync(Stream stream, CancellationToken cancellationToken) =>
        OpenAsync(stream, stream, cancellationToken);

    /// <summary>Opens QMP on separate read and write streams (QEMU's <c>-qmp stdio</c>).</summary>
    public static async Task<QmpConnection> OpenAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        QmpGreeting greeting;
        try
        {
            var line = await reader.ReadLineAsync(cancellationToken)
                ?? throw new QmpProtocolException("QMP peer closed the connection before its greeting");
            greeting = QmpMessageParser.ParseGreeting(line);
        }
        catch (Exception)
        {
            reader.Dispose();
            await input.DisposeAsync();
            await output.DisposeAsync();
            throw;
        }

        var connection = new QmpConnection(input, output, greeting, reader);
        connection._readLoop = connection.ReadLoopAsync();
        try
        {
            var reply = await connection.SendAsync("qmp_capabilities", null, cancellationToken);
            if (reply.Error is { } error)
            {
                throw new QmpProtocolException($"QMP capabilities negotiation failed: {error.Class}: {error.Description}");
            }
            return connection;
        }
        catch (Exception)
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts receiving events; arm it before the action that triggers them.</summary>
    public QmpEventSubscription Subscribe()
    {
        var subscription = new QmpEventSubscription(Unsubscribe);
        lock (_stateLock)
        {
            if (!_isClosed)
            {
                _subscribers.Add(subscription);
                return subscription;
            }
        }
        subscription.Complete();
        return subscription;
    }

    /// <summary>Sends one command and awaits its reply (success or QMP error; never throws for a QMP error).</summary>
    public async Task<QmpResponse> SendAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<QmpResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            ThrowIfClosed(command);
            var message = Serialize(command, arguments, id);
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await _output.WriteAsync(message, cancellationToken);
                await _output.FlushAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // A half-written line would corrupt the stream for every later command.
                Close(e is OperationCanceledException ? null : e);
                if (e is OperationCanceledException)
                {
                    throw;
                }
                throw new QmpProtocolException($"Failed to send QMP command {command}: {e.Message}", e);
            }
            finally
            {
                _writeLock.Release();
            }
            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopReading.CancelAsync();
        Close(null);
        await _input.DisposeAsync();
        if (!ReferenceEquals(_input, _output))
        {
            await _output.DisposeAsync();
        }
        await _readLoop;
        _reader.Dispose();
        _stopReading.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            while (await _reader.ReadLineAsync(_stopReading.Token) is { } line)
            {
                if (line.Length > 0)
                {
                    Dispatch(line);
                }
            }
        }
        catch (OperationCanceledException) when (_stopReading.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception e) when (e is IOException or JsonException or ObjectDisposedException or InvalidOperationException)
        {
            failure = e;
        }
        Close(failure);
    }

    private void Dispatch(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (QmpMessageParser.TryParseEvent(root, out var qmpEvent))
        {
            lock (_stateLock)
            {
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Publish(qmpEvent);
                }
            }
            return;
        }
        if (QmpMessageParser.TryParseReply(root, out var id, out var response) && _pending.TryRemove(id, out var waiter))
        {
            waiter.TrySetResult(response);
        }
        // Anything else (a reply to a command we gave up on, an id-less error) has nobody waiting for it.
    }

    private void Close(Exception? failure)
    {
        QmpEventSubscription[] subscribers;
        lock (_stateLock)
        {
            if (_isClosed)
            {
                return;
            }
            _isClosed = true;
            _closeReason = failure;
            subscribers = [.. _subscribers];
            _subscribers.Clear();
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }
        foreach (var (_, waiter) in _pending)
        {
            waiter.TrySetException(ClosedException("a reply"));
        }
        _closed.TrySetResult();
    }

    private void ThrowIfClosed(string command)
    {
        lock (_stateLock)
        {
            if (_isClosed)
            {
                throw ClosedException($"command {command}");
            }
        }
    }

    private QmpProtocolException ClosedException(string what) =>
        new($"QMP connection closed before {what}" + (_closeReason is null ? "" : $": {_closeReason.Message}"), _closeReason);

    private void Unsubscribe(QmpEventSubscription subscription)
    {
        lock (_stateLock)
        {
            _subscribers.Remove(subscription);
        }
    }

    private static ReadOnlyMemory<byte> Serialize(string command, JsonObject? arguments, long id)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("execute", command);
            if (arguments is not null)
            {
                writer.WritePropertyName("arguments");
                arguments.WriteTo(writer);
            }
            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }
}
