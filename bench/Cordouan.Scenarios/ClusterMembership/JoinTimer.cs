using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Times a join as an operator sees it. The joining node restarts its services during the task (new certificate,
/// the cluster's users), so it is polled with a client rebuilt after every failure, logging in with the cluster's
/// password or, until the restart, the node's own.
/// </summary>
public sealed class JoinTimer(ClusterBenchOptions options, CordouandNode founder, PveHttp founderApi, string clusterPassword)
{
    private readonly OnlineProbe _online = new(options.PollInterval, options.JoinRequestTimeout, founderApi);

    /// <summary>POSTs the join on <paramref name="node"/> (through the founding node) and waits for the task and the node online.</summary>
    public async Task<JoinTiming> JoinAsync(CordouandNode node, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.JoinTimeout);
        try
        {
            using var own = await BenchCluster.AdminAsync(node, node.AdminPassword, deadline.Token);
            var form = new Dictionary<string, string>
            {
                ["hostname"] = $"{founder.Address}:{founder.ApiPort}",
                ["fingerprint"] = founder.Fingerprint(),
                ["password"] = clusterPassword,
            };
            var start = Stopwatch.GetTimestamp();
            var upid = (await own.PostAsync("/cluster/config/join", form, deadline.Token)).EnsureOk().Data!.GetValue<string>();
            var (taskOk, outage) = await WaitForTaskAsync(node, upid, start, deadline.Token);
            var online = await _online.WaitAsync(node.NodeName, start, options.JoinTimeout, deadline.Token);
            return new JoinTiming(node.NodeName, taskOk, online, outage);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"join of {node.NodeName} not done within {options.JoinTimeout.TotalSeconds:0} s:\n{Tail(node.Output)}");
        }
    }

    private async Task<(TimeSpan TaskOk, ApiOutage Outage)> WaitForTaskAsync(CordouandNode node, string upid, long start, CancellationToken cancellationToken)
    {
        var path = $"/nodes/{node.NodeName}/tasks/{Uri.EscapeDataString(upid)}/status";
        var outage = new ApiOutage();
        PveHttp? client = null;
        try
        {
            while (true)
            {
                var pollStart = Stopwatch.GetTimestamp();
                using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                request.CancelAfter(options.JoinRequestTimeout);
                PveResponse? status;
                try
                {
                    client ??= await LoginAsync(node, request.Token);
                    status = client is null ? null : await client.GetAsync(path, request.Token);
                    outage.Answered(pollStart);
                }
                catch (Exception e) when (IsRestarting(e) || (e is OperationCanceledException && request.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening, its new certificate not written yet, or too busy restarting to answer in time.
                    outage.Failed(pollStart, e);
                    client?.Dispose();
                    client = null;
                    status = null;
                }
                if (status is { Status: HttpStatusCode.OK } && status.Data!["status"]!.GetValue<string>() == "stopped")
                {
                    var exit = status.Data!["exitstatus"]!.GetValue<string>();
                    return exit == "OK"
                        ? (Stopwatch.GetElapsedTime(start), outage)
                        : throw new InvalidOperationException($"join of {node.NodeName} ended with '{exit}':\n{Tail(node.Output)}");
                }
                if (status is { Status: HttpStatusCode.Unauthorized })
                {
                    // The restart replaced the users: the ticket is void, log in again.
                    client?.Dispose();
                    client = null;
                }
                await Pacing.NextAsync(options.PollInterval, pollStart, cancellationToken);
            }
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>Logs in with the cluster's password, else the node's own (before its restart); null when neither is accepted yet.</summary>
    private async Task<PveHttp?> LoginAsync(CordouandNode node, CancellationToken cancellationToken)
    {
        var http = node.Anonymous();
        try
        {
            foreach (var password in new[] { clusterPassword, node.AdminPassword })
            {
                if ((await http.LoginAsync("admin@pve", password, cancellationToken)).Status == HttpStatusCode.OK)
                {
                    return http;
                }
            }
            http.Dispose();
            return null;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static bool IsRestarting(Exception e) =>
        e is HttpRequestException or IOException or CryptographicException or FormatException;

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}
