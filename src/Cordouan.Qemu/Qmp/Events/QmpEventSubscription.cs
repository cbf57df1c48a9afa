using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Cordouan.Qemu.Qmp.Events;

/// <summary>
/// Events received after <c>Subscribe()</c> returned, in order. Arm a subscription before the action that
/// triggers the event. The stream completes when the connection closes; dispose to stop receiving.
/// </summary>
public sealed class QmpEventSubscription : IDisposable
{
    private readonly Channel<QmpEvent> _channel = Channel.CreateUnbounded<QmpEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action<QmpEventSubscription> _unsubscribe;

    internal QmpEventSubscription(Action<QmpEventSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
    }

    /// <summary>The raw channel; completes when the connection closes or the subscription is disposed.</summary>
    public ChannelReader<QmpEvent> Reader => _channel.Reader;

    /// <summary>All events until the connection closes or the subscription is disposed.</summary>
    public async IAsyncEnumerable<QmpEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var qmpEvent in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return qmpEvent;
        }
    }

    /// <summary>The next event named <paramref name="name"/>; throws <see cref="IOException"/> if the connection closes first.</summary>
    public async Task<QmpEvent> WaitForAsync(string name, CancellationToken cancellationToken)
    {
        await foreach (var qmpEvent in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            if (qmpEvent.Name == name)
            {
                return qmpEvent;
            }
        }
        throw new IOException($"QMP connection closed before event {name}");
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal void Publish(QmpEvent qmpEvent) => _channel.Writer.TryWrite(qmpEvent);

    internal void Complete() => _channel.Writer.TryComplete();
}
