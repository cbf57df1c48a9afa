using System.Diagnostics;
using System.Globalization;
using Cordouan.Core.Cluster;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Proxy;

/// <summary>
/// Two cordouand nodes of one cluster: node1 runs the etcd member, node2 uses node1's etcd (no member of its own) and
/// was given node1's cluster CA before its first start, so both API certificates chain to the same CA.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public CordouandNode Node1 { get; } = new("node1");

    public CordouandNode Node2 { get; private set; } = null!;

    /// <summary>A client of node2 (trusting its certificate) logged in as the administrator node1 created.</summary>
    public PveHttp ViaNode2 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // node2's certificate chains to node1's CA, so node2 presents it to node1's etcd (mutual TLS).
        Node2 = new CordouandNode("node2", ["--etcd-endpoints", Node1.EtcdClientUrl]);
        await Node1.StartAsync(timeout.Token);
        Directory.CreateDirectory(Node2.Data.Combine("certs"));
        foreach (var file in new[] { "ca.pem", "ca-key.pem" })
        {
            File.Copy(Node1.Data.Combine("certs", file), Node2.Data.Combine("certs", file));
        }
        await Node2.StartAsync(timeout.Token);
        ViaNode2 = Node2.Anonymous();
        (await ViaNode2.LoginAsync("admin@pve", Node1.AdminPassword, timeout.Token)).EnsureOk();
    }

    /// <summary>Writes a node document straight into the shared etcd (a node that is not running cordouand).</summary>
    public async Task PutNodeDocumentAsync(string name, string address, int apiPort, CancellationToken cancellationToken)
    {
        Requirements.Program("etcdctl", "apt-get install etcd-client");
        var document = string.Create(CultureInfo.InvariantCulture, $$"""{"schema":1,"name":"{{name}}","address":"{{address}}","apiPort":{{apiPort}},"nodeId":9}""");
        var info = new ProcessStartInfo("etcdctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--endpoints", Node1.EtcdClientUrl, .. Node1.EtcdctlTlsArguments, "put", ClusterKeys.Node(name), document])
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl put failed ({process.ExitCode}): {await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        ViaNode2?.Dispose();
        if (Node2 is not null)
        {
            await Node2.DisposeAsync();
        }
        await Node1.DisposeAsync();
    }
}
