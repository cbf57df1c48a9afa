using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cordouan.Qemu.Tests.Qmp;

public sealed class QmpMonitorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<QmpMonitor> ConnectAsync(ScriptedQmpPeer peer, TimeSpan timeout)
    {
        var handshake = peer.HandshakeAsync(Token);
        var monitor = await QmpMonitor.ConnectAsync(peer.SocketPath, timeout, NullLogger.Instance, TimeProvider.System, Token);
        await handshake;
        return monitor;
    }

    [Fact]
    public async Task ExecuteAsync_QmpError_ThrowsQmpExceptionWithClassAndDescription()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var monitor = await ConnectAsync(peer, TimeSpan.FromSeconds(10));

        var resize = monitor.BlockResizeAsync("drive-scsi9", 1024, Token);
        var (_, id, _) = await peer.ReceiveAsync(Token);
        await peer.ReplyErrorAsync(id, "GenericError", "Cannot find device='' nor node-name='drive-scsi9'", Token);
        var error = await Assert.ThrowsAsync<QmpException>(() => resize);

        Assert.Equal("block_resize", error.Command);
        Assert.Equal("GenericError", error.ErrorClass);
        Assert.Contains("drive-scsi9", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryStatusAsync_RunningReply_ParsesTypedResult()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var monitor = await ConnectAsync(peer, TimeSpan.FromSeconds(10));

        var query = monitor.QueryStatusAsync(Token);
        var (execute, id, _) = await peer.ReceiveAsync(Token);
        await peer.ReplyAsync(id, """{"status": "paused", "singlestep": false, "running": false}""", Token);
        var status = await query;

        Assert.Equal("query-status", execute);
        Assert.Equal(new QmpStatusInfo(false, "paused"), status);
    }

    [Fact]
    public async Task ExecuteAsync_NoReply_ThrowsTimeoutNamingTheCommand()
    {
        await using var peer = new ScriptedQmpPeer();
        await using var monitor = await ConnectAsync(peer, TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => monitor.ExecuteAsync("query-block", null, Token));

        Assert.Contains("query-block", error.Message, StringComparison.Ordinal);
    }
}
