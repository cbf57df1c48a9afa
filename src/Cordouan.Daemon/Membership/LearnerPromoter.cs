using System.Collections.Concurrent;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// Promotes a joining node's etcd learner to a voting member as soon as etcd allows it (it has caught up with the
/// leader). A learner that cannot be promoted within <see cref="Deadline"/> (the joining node failed) is removed, so a
/// failed join leaves no orphan member behind.
/// </summary>
public sealed partial class LearnerPromoter(EtcdClusterStore etcd, TimeProvider time, ILogger<LearnerPromoter> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ulong, Task> _running = new();
    private int _disposed;

    public void Watch(ulong memberId, string node) =>
        _running[memberId] = Task.Run(() => PromoteAsync(memberId, node, _stopping.Token));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Registered both as a singleton and as a hosted service, so the container disposes it twice.
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }

    private async Task PromoteAsync(ulong memberId, string node, CancellationToken cancellationToken)
    {
        var hex = memberId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var started = time.GetTimestamp();
        string last = "not started yet";
        try
        {
            while (time.GetElapsedTime(started) < Deadline)
            {
                try
                {
                    var members = await etcd.ListMembersAsync(cancellationToken);
                    var member = members.FirstOrDefault(m => m.Id == memberId);
                    if (member is null)
                    {
                        return; // Removed meanwhile (the joining node rolled back).
                    }
                    if (!member.IsLearner)
                    {
                        return;
                    }
                    if (member.Name.Length > 0)
                    {
                        await etcd.PromoteMemberAsync(memberId, cancellationToken);
                        LogPromoted(logger, node, hex);
                        return;
                    }
                }
                catch (EtcdRequestException e)
                {
                    last = e.EtcdMessage; // "can only promote a learner member which is in sync with leader"
                }
                catch (QuorumLostException e)
                {
                    last = e.Message;
                }
                await Task.Delay(Interval, time, cancellationToken);
            }
            LogGivingUp(logger, node, hex, Deadline, last);
            await etcd.RemoveMemberAsync(memberId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // cordouand stops: the learner stays; `cord cluster delnode` removes it if its node never comes.
        }
        catch (Exception e) when (e is CordouanException or EtcdRequestException)
        {
            LogRemoveFailed(logger, node, hex, e.Message);
        }
        finally
        {
            _running.TryRemove(memberId, out _);
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Node {Node}: etcd learner {MemberId} promoted to voting member")]
    private static partial void LogPromoted(ILogger logger, string node, string memberId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Node {Node}: etcd learner {MemberId} not promotable within {Deadline} ({Reason}); removing it, the join failed")]
    private static partial void LogGivingUp(ILogger logger, string node, string memberId, TimeSpan deadline, string reason);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "Node {Node}: could not remove etcd learner {MemberId}: {Reason}; remove it with `cord cluster delnode` for that node")]
    private static partial void LogRemoveFailed(ILogger logger, string node, string memberId, string reason);
}
