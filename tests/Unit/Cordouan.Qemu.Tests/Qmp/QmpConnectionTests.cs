using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cordouan.Qemu.Qmp.Events;
using Cordouan.Qemu.Qmp.Protocol;
using Xunit;

namespace Cordouan.Qemu.Tests.Qmp;

public sealed class QmpConnectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<QmpConnection> ConnectAsync(ScriptedQmpPeer peer)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(peer.SocketPath), Token);
        var handshake = peer.HandshakeAsync(Token);
        var connection = await QmpConnection.OpenAsync(new NetworkStream(socket, ownsSocket: true), Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await handshake;
        return connection;
    }

    [Fact]
    public async Task OpenAsync_PeerGreets_ReadsVersionAndNegotiatesCapabilities()
    {
        await using var peer = new ScriptedQmpPeer();

        await using var connection = await ConnectAsync(peer);

        Assert.Equal(new Version(7, 2, 22), connection.Greeting.QemuVersion);
        Assert.Equal(["oob"], connection.Greeting.Capabilities);
        Assert.False(connection.Closed.IsCompleted);
    }

    [Fact]
    public async Task SendAsync_RepliesOutOfOrder_CorrelatesById()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var connection = await ConnectAsync(peer);

        var first = connection.SendAsync("query-status", null, Token);
        var second = connection.SendAsync("query-kvm", null, Token);
        var a = await peer.ReceiveAsync(Token);
        var b = await peer.ReceiveAsync(Token);
        var (status, kvm) = a.Execute == "query-status" ? (a, b) : (b, a);
        Assert.NotEqual(status.Id, kvm.Id);
        await peer.ReplyAsync(kvm.Id, """{"enabled": false, "present": true}""", Token);
        await peer.ReplyAsync(status.Id, """{"status": "running", "running": true}""", Token);

        Assert.Equal("running", (await first.WaitAsync(TimeSpan.FromSeconds(10), Token)).Return.GetProperty("status").GetString());
        Assert.True((await second.WaitAsync(TimeSpan.FromSeconds(10), Token)).Return.GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_WithArguments_SendsThemAsJson()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var connection = await ConnectAsync(peer);

        var reply = connection.SendAsync("block_resize", new JsonObject { ["node-name"] = "drive-scsi0", ["size"] = 1L << 30 }, Token);
        var (execute, id, arguments) = await peer.ReceiveAsync(Token);
        await peer.ReplyAsync(id, "{}", Token);
        await reply.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("block_resize", execute);
        Assert.Equal("drive-scsi0", arguments.GetProperty("node-name").GetString());
        Assert.Equal(1L << 30, arguments.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task SendAsync_PeerReturnsError_ResponseCarriesClassAndDescription()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var connection = await ConnectAsync(peer);

        var reply = connection.SendAsync("blockdev-snapshot-internal-sync", null, Token);
        var (_, id, _) = await peer.ReceiveAsync(Token);
        await peer.ReplyErrorAsync(id, "GenericError", "Device 'drive-x' not found", Token);
        var response = await reply.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.False(response.IsSuccess);
        Assert.Equal(new QmpError("GenericError", "Device 'drive-x' not found"), response.Error);
    }

    [Fact]
    public async Task Subscribe_PeerSendsEvent_SubscriberReceivesNameDataAndTimestamp()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var connection = await ConnectAsync(peer);
        using var subscription = connection.Subscribe();

        await peer.SendAsync(
            """{"timestamp": {"seconds": 1700000000, "microseconds": 250000}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}}""",
            Token);
        var shutdown = await subscription.WaitForAsync(QmpEventNames.Shutdown, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("guest-shutdown", shutdown.Data.GetProperty("reason").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddMilliseconds(250), shutdown.Timestamp);
    }

    [Fact]
    public async Task PeerHangsUp_PendingCommandFailsAndSubscriptionCompletes()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var connection = await ConnectAsync(peer);
        using var subscription = connection.Subscribe();

        var pending = connection.SendAsync("quit", null, Token);
        await peer.ReceiveAsync(Token);
        await peer.HangUpAsync();

        await Assert.ThrowsAsync<QmpProtocolException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10), Token));
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await subscription.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await Assert.ThrowsAsync<QmpProtocolException>(() => connection.SendAsync("query-status", null, Token));
    }

    [Fact]
    public async Task OpenAsync_PeerSendsNoGreeting_FailsWithProtocolError()
    {
        await using var peer = new ScriptedQmpPeer();
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(peer.SocketPath), Token);
        await peer.AcceptAsync(Token);
        await peer.SendAsync("""{"return": {}}""", Token);

        var error = await Assert.ThrowsAsync<QmpProtocolException>(
            () => QmpConnection.OpenAsync(new NetworkStream(socket, ownsSocket: true), Token).WaitAsync(TimeSpan.FromSeconds(10), Token));

        Assert.Contains("greeting", error.Message, StringComparison.Ordinal);
    }
}
