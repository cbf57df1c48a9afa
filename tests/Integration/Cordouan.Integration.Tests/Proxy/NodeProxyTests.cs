using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Cordouan.Testing.Daemon;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Proxy;

/// <summary>Requests for node1 sent to node2 are answered by node1, through node-to-node mTLS (issue 4).</summary>
public sealed class NodeProxyTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string Node1 = "node1";

    [Fact]
    public async Task NodeStatus_ViaOtherNode_AnsweredByOwner()
    {
        var ct = TestContext.Current.CancellationToken;

        var status = (await cluster.ViaNode2.GetAsync("/nodes/node1/status", ct)).EnsureOk().Data!;
        var index = (await cluster.ViaNode2.GetAsync("/nodes/node1", ct)).EnsureOk().Data!.AsArray();

        Assert.StartsWith("Linux ", status["kversion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(index, i => i!["name"]!.GetValue<string>() == "qemu");
    }

    [Fact]
    public async Task VmLifecycle_ViaOtherNode_RunsOnOwnerWithItsTasks()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = cluster.ViaNode2;
        using var direct = await cluster.Node1.AdminAsync(ct);

        var create = await http.RunTaskAsync(HttpMethod.Post, "/nodes/node1/qemu", new() { ["vmid"] = "401", ["memory"] = "64", ["serial0"] = "socket" }, ct);
        var start = await http.RunTaskAsync(HttpMethod.Post, VmApi.Path(Node1, 401, "/status/start"), null, ct);
        var runningViaNode2 = await VmApi.StatusAsync(http, Node1, 401, ct);
        var runningOnNode1 = await VmApi.StatusAsync(direct, Node1, 401, ct);
        var task = (await http.GetAsync($"/nodes/node1/tasks/{Uri.EscapeDataString(start)}/status", ct)).EnsureOk().Data!;
        var log = (await http.GetAsync($"/nodes/node1/tasks/{Uri.EscapeDataString(start)}/log", ct)).EnsureOk();
        await VmApi.StopAsync(http, Node1, 401, ct);
        var stopped = await VmApi.StatusAsync(http, Node1, 401, ct);
        await VmApi.DestroyAsync(http, Node1, 401, ct);

        Assert.StartsWith("UPID:node1:", create, StringComparison.Ordinal);
        Assert.StartsWith("UPID:node1:", start, StringComparison.Ordinal);
        Assert.Equal("running", runningViaNode2);
        Assert.Equal("running", runningOnNode1);
        Assert.Equal("stopped", task["status"]!.GetValue<string>());
        Assert.Equal("OK", task["exitstatus"]!.GetValue<string>());
        Assert.Equal(Node1, task["node"]!.GetValue<string>());
        Assert.NotEmpty(log.Data!.AsArray());
        Assert.Equal("stopped", stopped);
        Assert.Equal(HttpStatusCode.InternalServerError, (await direct.GetAsync(VmApi.Path(Node1, 401, "/status/current"), ct)).Status);
    }

    [Fact]
    public async Task SerialWebSocket_ViaOtherNode_UpgradedByOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = cluster.ViaNode2;
        await http.RunTaskAsync(HttpMethod.Post, "/nodes/node1/qemu", new() { ["vmid"] = "402", ["memory"] = "64", ["serial0"] = "socket", ["start"] = "1" }, ct);
        try
        {
            using var socket = new ClientWebSocket();
            using var handler = PveHttp.PinnedHandler(cluster.Node2.CertificatePem);
            using var invoker = new HttpMessageInvoker(handler);
            socket.Options.HttpVersion = HttpVersion.Version11;
            socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(http.Ticket!));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));

            await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{cluster.Node2.ApiPort}/api2/json/nodes/node1/qemu/402/serialwebsocket"), invoker, deadline.Token);
            await socket.SendAsync("\r"u8.ToArray(), WebSocketMessageType.Binary, true, deadline.Token);

            // A diskless guest prints nothing on its serial port, so the upgrade through node2 is what is checked.
            Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
            Assert.Equal(WebSocketState.Open, socket.State);
            socket.Abort();
        }
        finally
        {
            await VmApi.StopAsync(http, Node1, 402, ct);
            await VmApi.DestroyAsync(http, Node1, 402, ct);
        }
    }

    [Fact]
    public async Task OwnerError_ViaOtherNode_StatusReasonAndBodyKept()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Text = "Configuration file 'nodes/node1/qemu-server/499.conf' does not exist";

        var response = await cluster.ViaNode2.GetAsync(VmApi.Path(Node1, 499, "/status/current"), ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal(Text, response.Reason);
        Assert.Equal(Text + "\n", response.Message);
    }

    [Fact]
    public async Task UnknownNode_ViaAnyNode_Answers500HostnameLookupFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Text = "hostname lookup 'nosuch' failed - failed to get address info for: nosuch: Name or service not known";

        var response = await cluster.ViaNode2.GetAsync("/nodes/nosuch/status", ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal(Text, response.Reason);
        Assert.Equal(Text + "\n", response.Message);
    }

    [Fact]
    public async Task ForgedProxiedFromHeader_WithoutClientCertificate_ForwardedAsUsual()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient(PveHttp.PinnedHandler(cluster.Node2.CertificatePem)) { BaseAddress = cluster.Node2.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api2/json/nodes/node1/status");
        request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(cluster.ViaNode2.Ticket!));
        request.Headers.Add("X-Cordouan-Proxied-From", "node1");

        // Believed, the header would stop node2 from forwarding (proxy loop answer, 500).
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NodeAddressPointsBack_ForwardedOnce_Answers500ProxyLoop()
    {
        var ct = TestContext.Current.CancellationToken;
        await cluster.PutNodeDocumentAsync("ghost", "127.0.0.1", cluster.Node2.ApiPort, ct);

        var response = await cluster.ViaNode2.GetAsync("/nodes/ghost/status", ct);

        // node2 forwarded to itself with its node certificate: the second hop recognises a peer's request and stops.
        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Contains("proxy loop", response.Message, StringComparison.Ordinal);
        Assert.Contains("node 'node2' already forwarded it", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeNeverAnswersTls_ViaOtherNode_Answers595AfterConnectTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await cluster.PutNodeDocumentAsync("silent", "127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port, ct);

        var response = await cluster.ViaNode2.GetAsync("/nodes/silent/status", ct);

        Assert.Equal((HttpStatusCode)595, response.Status);
        Assert.Equal("Errors during connection establishment, proxy handshake: Connection timed out", response.Reason);
    }
}
