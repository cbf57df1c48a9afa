using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>
/// Real cordouand nodes, each in its own network namespace of one <see cref="NetnsLab"/>, formed into a cluster
/// through the API the way an operator does it: <c>cluster create</c> on the first, <c>join</c> on the others.
/// After a join every node uses the cluster's users, so clients log in with the first node's admin password.
/// </summary>
public sealed class ClusterLab : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);
    private readonly List<CordouandNode> _nodes = [];

    private ClusterLab(NetnsLab lab) => Lab = lab;

    public NetnsLab Lab { get; }

    public IReadOnlyList<CordouandNode> Nodes => _nodes;

    /// <summary>The administrator password of the cluster (the founding node's).</summary>
    public string ClusterPassword => _nodes[0].AdminPassword;

    public CordouandNode this[string name] => _nodes.Single(n => n.NodeName == name);

    public static async Task<ClusterLab> CreateAsync(CancellationToken cancellationToken) => new(await NetnsLab.CreateAsync(cancellationToken));

    /// <summary>Starts a standalone node on a new lab host (or on <paramref name="host"/>, for a reinstall).</summary>
    public async Task<CordouandNode> StartNodeAsync(string name, CancellationToken cancellationToken, bool witness = false, LabHost? host = null)
    {
        host ??= await Lab.AddHostAsync(name, cancellationToken);
        var node = new CordouandNode(host, name, witness ? ["--witness"] : null);
        _nodes.Add(node);
        await node.StartAsync(cancellationToken);
        return node;
    }

    /// <summary>Removes a node from the lab's list and destroys it (processes, data).</summary>
    public async Task DestroyNodeAsync(CordouandNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    public async Task CreateClusterAsync(string name, CancellationToken cancellationToken)
    {
        using var http = await _nodes[0].AdminAsync(cancellationToken);
        await http.RunTaskAsync(HttpMethod.Post, "/cluster/config", new() { ["clustername"] = name }, cancellationToken);
    }

    /// <summary>POSTs the join on <paramref name="node"/> (logged in with its own password) and returns the raw answer.</summary>
    public static async Task<PveResponse> PostJoinAsync(CordouandNode node, CordouandNode via, string password, CancellationToken cancellationToken, string? fingerprint = null, string? hostname = null)
    {
        using var http = await node.AdminAsync(cancellationToken);
        return await http.PostAsync("/cluster/config/join", new()
        {
            ["hostname"] = hostname ?? $"{via.Address}:{via.ApiPort}",
            ["fingerprint"] = fingerprint ?? via.Fingerprint(),
            ["password"] = password,
        }, cancellationToken);
    }

    /// <summary>Joins <paramref name="node"/> to the cluster through <paramref name="via"/> and waits for its join task.</summary>
    public async Task JoinAsync(CordouandNode node, CordouandNode via, CancellationToken cancellationToken)
    {
        var upid = (await PostJoinAsync(node, via, ClusterPassword, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        var exit = await WaitForRestartedTaskAsync(node, upid, cancellationToken);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"join of {node.NodeName} ended with '{exit}':\n{node.Output}");
        }
    }

    /// <summary>
    /// Waits for a join/leave task: its node restarts its services meanwhile (connection errors, then a new
    /// certificate and the cluster's users), so each poll uses a fresh client.
    /// </summary>
    public async Task<string> WaitForRestartedTaskAsync(CordouandNode node, string upid, CancellationToken cancellationToken, string? password = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(JoinTimeout);
        var last = "no answer yet";
        while (true)
        {
            try
            {
                using var http = node.Anonymous();
                var login = await http.LoginAsync("admin@pve", password ?? ClusterPassword, deadline.Token);
                if (login.Status == HttpStatusCode.OK)
                {
                    var status = await http.GetAsync($"/nodes/{node.NodeName}/tasks/{Uri.EscapeDataString(upid)}/status", deadline.Token);
                    if (status.Status == HttpStatusCode.OK && status.Data!["status"]!.GetValue<string>() == "stopped")
                    {
                        return status.Data!["exitstatus"]!.GetValue<string>();
                    }
                    last = $"task status {status.Status}";
                }
                else
                {
                    last = $"login {login.Status}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // Restarting: not listening, or its new certificate not written yet.
                last = e.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"task {upid} on {node.NodeName} not finished within {JoinTimeout.TotalSeconds} s ({last}):\n{node.Output}");
            }
            try
            {
                await Task.Delay(300, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"task {upid} on {node.NodeName} not finished within {JoinTimeout.TotalSeconds} s ({last}):\n{node.Output}");
            }
        }
    }

    /// <summary>A client of <paramref name="node"/> logged in as the cluster's administrator.</summary>
    public async Task<PveHttp> AdminAsync(CordouandNode node, CancellationToken cancellationToken)
    {
        var http = node.Anonymous();
        (await http.LoginAsync("admin@pve", ClusterPassword, cancellationToken)).EnsureOk();
        return http;
    }

    public static async Task<JsonArray> StatusAsync(PveHttp http, CancellationToken cancellationToken) =>
        (JsonArray)(await http.GetAsync("/cluster/status", cancellationToken)).EnsureOk().Data!;

    /// <summary>Polls <paramref name="condition"/> until true; fails after <paramref name="timeout"/> saying what was awaited.</summary>
    /// <summary>Waits until <paramref name="node"/> reports the cluster quorate (after a partition healed or a node came back).</summary>
    public async Task WaitQuorateAsync(CordouandNode node, CancellationToken cancellationToken)
    {
        using var http = await AdminAsync(node, cancellationToken);
        await WaitUntilAsync($"{node.NodeName} quorate", async c =>
            (await StatusAsync(http, c)).Any(i => i!["type"]!.GetValue<string>() == "cluster" && i["quorate"]!.GetValue<int>() == 1), TimeSpan.FromSeconds(90), cancellationToken);
    }

    public static async Task<TimeSpan> WaitUntilAsync(string what, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var last = "none";
        while (true)
        {
            try
            {
                if (await condition(cancellationToken))
                {
                    return started.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                // The node may be restarting, unreachable or still without quorum for a moment: keep polling.
                last = e.Message;
            }
            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds} s: {what} (last error: {last})");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await Lab.DisposeAsync();
    }
}
