using System.Text.Json;
using Cordouan.Client;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Client.Tasks;
using Cordouan.Contracts.Tasks;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// Follows a task on a node that restarts its services while the task runs (cluster join and leave): connection
/// errors, timeouts and 5xx answers mean "not back yet" and are retried until the deadline; a 401 means the node now
/// uses other users and ticket keys, and asks the caller to authenticate again (or to stop, when it cannot).
/// </summary>
public sealed class RestartTolerantTaskWaiter
{
    /// <summary>Between polls, and after each failed attempt.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A single request that hangs longer than this is abandoned and retried (a restarting node may accept and never answer).</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly CordouanClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _attemptTimeout;

    public RestartTolerantTaskWaiter(CordouanClient client, TimeProvider time, TimeSpan? pollInterval = null, TimeSpan? attemptTimeout = null)
    {
        _client = client;
        _time = time;
        _pollInterval = pollInterval ?? DefaultPollInterval;
        _attemptTimeout = attemptTimeout ?? DefaultAttemptTimeout;
    }

    /// <summary>True for failures that a restarting node produces and that a later attempt may not: unreachable, timed out, 5xx.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // A refused certificate is not a restart symptom: retrying would only hide it.
        CordouanConnectionException connection => connection.PresentedFingerprint is null,
        CordouanApiException api => api.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// Polls status and log of <paramref name="upid"/> on <paramref name="node"/> until the task stops. On a 401 it calls
    /// <paramref name="reauthenticate"/>, which installs new credentials on the client and returns true, or returns
    /// false to stop with <see cref="RestartWaitResult.AccessLost"/>. Throws <see cref="TimeoutException"/> (naming the
    /// last failure) when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<RestartWaitResult> WaitAsync(
        string node,
        string upid,
        Func<CancellationToken, Task<bool>> reauthenticate,
        IProgress<TaskProgress>? progress,
        IProgress<string>? notices,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<bool>>? acceptNewCertificate = null)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var log = new List<TaskLogLine>();
        TaskStatusInfo? last = null;
        JsonElement? lastRaw = null;
        Exception? lastFailure = null;
        var unreachable = false;
        try
        {
            while (true)
            {
                using var attemptTimeout = new CancellationTokenSource(_attemptTimeout, _time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, attemptTimeout.Token);
                try
                {
                    var request = ApiRequests.TaskStatus(node, upid);
                    var raw = await _client.SendForDataAsync(request, attempt.Token);
                    var status = request.ReadData(raw);
                    // Status first: once it says stopped, the log read after it is complete.
                    var lines = await _client.GetTaskLogToEndAsync(node, upid, log.Count, attempt.Token);
                    log.AddRange(lines);
                    (last, lastRaw) = (status, raw);
                    if (unreachable)
                    {
                        notices?.Report($"{node} answers again.");
                        unreachable = false;
                    }
                    progress?.Report(new TaskProgress(status, lines));
                    if (status.IsFinished)
                    {
                        return new RestartWaitResult(status, raw, log, AccessLost: false);
                    }
                }
                catch (CordouanApiException ex) when (ex.StatusCode == 401)
                {
                    lastFailure = ex;
                    if (unreachable)
                    {
                        notices?.Report($"{node} answers again.");
                        unreachable = false;
                    }
                    try
                    {
                        if (!await reauthenticate(attempt.Token))
                        {
                            return new RestartWaitResult(last, lastRaw, log, AccessLost: true);
                        }
                        notices?.Report($"{node} now uses other logins; authenticated again.");
                    }
                    catch (Exception failure) when (failure is CordouanApiException { StatusCode: 401 } || IsRetryable(failure, attemptTimeout, linked))
                    {
                        // The node may refuse or drop the new login while it settles; the next poll tries again.
                        lastFailure = failure;
                    }
                }
                catch (Exception ex) when (IsRetryable(ex, attemptTimeout, linked))
                {
                    lastFailure = ex;
                    if (!unreachable)
                    {
                        notices?.Report($"Waiting for {node} (it restarts its services during this task): {Describe(ex)}");
                        unreachable = true;
                    }
                }
                catch (CordouanConnectionException ex) when (ex.PresentedFingerprint is not null && acceptNewCertificate is not null)
                {
                    // A join re-issues the node's certificate: go on with it once the caller can vouch for it (the
                    // cluster lists it as soon as the node has recorded itself); until then, keep polling.
                    lastFailure = ex;
                    if (await acceptNewCertificate(ex.PresentedFingerprint, linked.Token))
                    {
                        notices?.Report($"{node} presents a new certificate ({ex.PresentedFingerprint}), vouched for by the cluster; trusting it from now on.");
                    }
                }
                catch (CordouanConnectionException ex)
                {
                    throw new CordouanClientException($"Lost {node} while following task {upid}, which may still be running: {ex.Message}", ex);
                }
                await Task.Delay(_pollInterval, _time, linked.Token);
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var failure = lastFailure is null ? string.Empty : $"; last error: {Describe(lastFailure)}";
            throw new TimeoutException(
                $"Task {upid} did not finish within {timeout.TotalSeconds:0} s (last status: {last?.Status ?? "unknown"}{failure}).", ex);
        }
    }

    private static bool IsRetryable(Exception exception, CancellationTokenSource attemptTimeout, CancellationTokenSource overall) =>
        IsTransient(exception) ||
        (exception is OperationCanceledException && attemptTimeout.IsCancellationRequested && !overall.IsCancellationRequested);

    private static string Describe(Exception exception) =>
        exception is OperationCanceledException ? "no answer in time" : exception.Message;
}
