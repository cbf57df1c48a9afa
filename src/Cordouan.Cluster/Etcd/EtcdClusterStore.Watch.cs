using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Cordouan.Cluster.Etcd.Wire;
using Cordouan.Core.Cluster;

namespace Cordouan.Cluster.Etcd;

public sealed partial class EtcdClusterStore
{
    private const int WatchBuffer = 256;

    /// <summary>
    /// Streams changes under <paramref name="prefix"/>. A broken stream is reopened (on another member if needed) from
    /// the revision after the last one delivered, so no event is lost or repeated; if that revision was compacted away
    /// the watch restarts from the current revision and logs a warning (the events in between are gone).
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(WatchBuffer) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpWatchAsync(prefix, afterRevision, channel.Writer, stop.Token);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task PumpWatchAsync(string prefix, long afterRevision, ChannelWriter<WatchEvent> writer, CancellationToken cancellationToken)
    {
        var cursor = new WatchCursor { Next = afterRevision > 0 ? afterRevision + 1 : 0 };
        var delay = _options.RetryDelay;
        try
        {
            while (true)
            {
                cursor.Opened = false;
                try
                {
                    await RunWatchStreamAsync(prefix, cursor, writer, cancellationToken);
                    Log.WatchEnded(_logger, prefix, cursor.Next);
                }
                catch (Exception e) when (e is EtcdUnavailableException or HttpRequestException or IOException or JsonException
                    && !cancellationToken.IsCancellationRequested)
                {
                    // One warning per outage; the retries during it are Debug.
                    if (cursor.Broken)
                    {
                        Log.WatchStillBroken(_logger, prefix, e.Message);
                    }
                    else
                    {
                        Log.WatchBroken(_logger, prefix, cursor.Next, e.Message);
                    }
                    cursor.Broken = true;
                }
                if (cursor.Compacted)
                {
                    cursor.Compacted = false;
                    continue;
                }
                delay = cursor.Opened ? _options.RetryDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // Not transient (etcd refused the watch itself): end the stream with the error for the consumer.
            writer.TryComplete(e);
        }
    }

    private async Task RunWatchStreamAsync(string prefix, WatchCursor cursor, ChannelWriter<WatchEvent> writer, CancellationToken cancellationToken)
    {
        var request = new WatchRequest
        {
            CreateRequest = new WatchCreateRequest
            {
                Key = EtcdKeys.Encode(prefix),
                RangeEnd = EtcdKeys.PrefixEnd(prefix),
                StartRevision = cursor.Next,
                ProgressNotify = true,
            },
        };
        using var response = await _transport.OpenStreamAsync("v3/watch", request, Json.WatchRequest, cancellationToken);
        var endpoint = response.RequestMessage?.RequestUri ?? new Uri("http://unknown/");
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                var message = JsonSerializer.Deserialize(line, Json.StreamMessageWatchResponse);
                if (message?.Error is { } error)
                {
                    throw EtcdErrors.FromStatus(endpoint, error.GrpcCode, error.Message ?? "watch failed");
                }
                if (message?.Result is { } result && !await HandleAsync(prefix, result, cursor, writer, cancellationToken))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _transport.Demote(endpoint);
            throw;
        }
    }

    /// <summary>Applies one watch message; false when etcd canceled the watch and it must be reopened.</summary>
    private async Task<bool> HandleAsync(string prefix, WatchResponse result, WatchCursor cursor, ChannelWriter<WatchEvent> writer, CancellationToken cancellationToken)
    {
        if (result.Canceled)
        {
            if (result.CompactRevision > 0)
            {
                Log.WatchCompacted(_logger, prefix, cursor.Next, result.CompactRevision);
                cursor.Next = 0;
                cursor.Compacted = true;
                return false;
            }
            throw new EtcdUnavailableException($"watch canceled by etcd: {result.CancelReason}", maybeApplied: false);
        }
        var revision = result.Header?.Revision ?? 0;
        if (result.Created)
        {
            cursor.Opened = true;
            if (cursor.Broken)
            {
                cursor.Broken = false;
                Log.WatchResumed(_logger, prefix, cursor.Next);
            }
            if (cursor.Next == 0)
            {
                // "From now" is pinned at creation, so a reconnect cannot skip what happened since.
                cursor.Next = revision + 1;
            }
            return true;
        }
        if (result.Events is not { Count: > 0 } events)
        {
            // Progress notification: every change up to the header revision has been delivered.
            cursor.Next = Math.Max(cursor.Next, revision + 1);
            return true;
        }
        long last = 0;
        foreach (var change in events)
        {
            if (change.Kv is not { } kv)
            {
                continue;
            }
            var value = change.Type == "DELETE" ? null : kv.Value ?? [];
            await writer.WriteAsync(new WatchEvent(EtcdKeys.Decode(kv.Key), value, kv.ModRevision), cancellationToken);
            last = Math.Max(last, kv.ModRevision);
        }
        // Advance only after the whole message: etcd sends all events of one revision together.
        cursor.Next = Math.Max(cursor.Next, last + 1);
        return true;
    }

    private sealed class WatchCursor
    {
        public long Next { get; set; }

        public bool Opened { get; set; }

        public bool Compacted { get; set; }

        /// <summary>True between a failure and the next successful reopen (for one warning per outage).</summary>
        public bool Broken { get; set; }
    }
}
