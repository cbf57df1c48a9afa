using System.Net;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// The HA tests' lab for the bench: two hypervisors n1 and n2 and a witness w (so either hypervisor may die without
/// the cluster losing quorum), each in its own network namespace of a <see cref="BenchCluster"/>, with a logged-in
/// client per hypervisor. Disposal stops every node and removes the lab (whatever is left in it is killed).
/// </summary>
public sealed class WitnessedPair : IAsyncDisposable
{
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LoginRetry = TimeSpan.FromMilliseconds(250);
    private readonly BenchCluster _cluster;
    private readonly Dictionary<string, PveHttp> _apis = new(StringComparer.Ordinal);

    private WitnessedPair(BenchCluster cluster, CordouandNode n1, CordouandNode n2, string password)
    {
        _cluster = cluster;
        Hypervisors = [n1, n2];
        Password = password;
    }

    /// <summary>n1 and n2 (the witness runs no VM).</summary>
    public IReadOnlyList<CordouandNode> Hypervisors { get; }

    /// <summary>The cluster's administrator password (the founding node's).</summary>
    public string Password { get; }

    public CordouandNode this[string name] => Hypervisors.Single(n => n.NodeName == name);

    /// <summary>A client of <paramref name="node"/> logged in as the cluster's administrator (replaced when the node restarts).</summary>
    public PveHttp Api(CordouandNode node) => _apis[node.NodeName];

    public CordouandNode Other(CordouandNode node) => Hypervisors.Single(n => n != node);

    /// <summary>The bench process's own address on the lab switch (every node reaches it).</summary>
    public System.Net.IPAddress TestAddress => _cluster.Lab.TestAddress;

    /// <summary>Starts n1, n2 and w, creates the cluster on n1, joins n2 and adds w as the witness.</summary>
    public static async Task<WitnessedPair> CreateAsync(string clusterName, Action<string> progress, CancellationToken cancellationToken)
    {
        var cluster = await BenchCluster.CreateAsync(progress, cancellationToken);
        WitnessedPair? pair = null;
        try
        {
            var (n1, _) = await cluster.StartNodeAsync("n1", cancellationToken);
            var (n2, _) = await cluster.StartNodeAsync("n2", cancellationToken);
            var (witness, _) = await cluster.StartNodeAsync("w", cancellationToken, ["--witness"]);
            pair = new WitnessedPair(cluster, n1, n2, n1.AdminPassword);
            var viaN1 = await BenchCluster.AdminAsync(n1, pair.Password, cancellationToken);
            pair._apis[n1.NodeName] = viaN1;
            await TaskPoller.RunOkAsync(viaN1, HttpMethod.Post, "/cluster/config", new() { ["clustername"] = clusterName }, TaskPoll, TaskTimeout, cancellationToken);
            await new JoinTimer(new ClusterBenchOptions(), n1, viaN1, pair.Password).JoinAsync(n2, cancellationToken);
            pair._apis[n2.NodeName] = await BenchCluster.AdminAsync(n2, pair.Password, cancellationToken);
            await TaskPoller.RunOkAsync(viaN1, HttpMethod.Post, "/cluster/config/witness", new()
            {
                ["hostname"] = $"{witness.Address}:{witness.ApiPort}",
                ["fingerprint"] = witness.Fingerprint(),
                ["password"] = witness.AdminPassword,
            }, TaskPoll, TaskTimeout, cancellationToken);
            return pair;
        }
        catch
        {
            if (pair is not null)
            {
                await pair.DisposeAsync();
            }
            else
            {
                await cluster.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>
    /// Starts a node again on its data after a power loss and logs in anew (retried: the users come from etcd, which
    /// the node's member must catch up first). Returns when the API accepted the login.
    /// </summary>
    public async Task RestartAsync(CordouandNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        if (_apis.Remove(node.NodeName, out var old))
        {
            old.Dispose();
        }
        var last = "no answer yet";
        try
        {
            await node.StartAsync(deadline.Token);
            while (true)
            {
                var http = node.Anonymous();
                var kept = false;
                try
                {
                    var login = await http.LoginAsync("admin@pve", Password, deadline.Token);
                    if (login.Status == HttpStatusCode.OK)
                    {
                        _apis[node.NodeName] = http;
                        kept = true;
                        return;
                    }
                    last = $"login {(int)login.Status} {login.Reason}";
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    last = e.Message;
                }
                finally
                {
                    if (!kept)
                    {
                        http.Dispose();
                    }
                }
                await Task.Delay(LoginRetry, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{node.NodeName} not back (login) within {timeout.TotalSeconds:0} s ({last})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis.Values)
        {
            api.Dispose();
        }
        _apis.Clear();
        await _cluster.DisposeAsync();
    }
}
