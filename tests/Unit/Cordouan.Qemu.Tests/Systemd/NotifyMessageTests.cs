using System.Net.Sockets;
using System.Text;
using Cordouan.Platform.Systemd;
using Xunit;

namespace Cordouan.Qemu.Tests.Systemd;

public sealed class NotifyMessageTests
{
    [Fact]
    public void Encode_ReadyAndStatus_NewlineSeparatedAssignments()
    {
        var bytes = NotifyMessage.Encode([new("READY", "1"), new("STATUS", "API on 0.0.0.0:8006")]);

        Assert.Equal("READY=1\nSTATUS=API on 0.0.0.0:8006\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Encode_StatusWithNewline_FoldedOntoOneLine()
    {
        var text = Encoding.UTF8.GetString(NotifyMessage.Encode([new("STATUS", "a\nREADY=1")]));

        Assert.Equal("STATUS=a READY=1\n", text);
    }

    [Theory]
    [InlineData("ready")]
    [InlineData("READY=")]
    [InlineData("")]
    public void Encode_BadKey_Throws(string key) =>
        Assert.Throws<ArgumentException>(() => NotifyMessage.Encode([new(key, "1")]));

    [Theory]
    [InlineData("/run/systemd/notify", "/run/systemd/notify")]
    [InlineData("@/org/freedesktop/systemd1/notify/42", "\0/org/freedesktop/systemd1/notify/42")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("@", null)]
    [InlineData("relative/path", null)]
    [InlineData("vsock:2:1234", null)]
    public void SocketAddress_NotifySocketVariable_PathOrAbstractNameOrNothing(string? variable, string? expected) =>
        Assert.Equal(expected, NotifyMessage.SocketAddress(variable));

    [Fact]
    public void Ready_AbstractNotifySocket_DatagramArrives()
    {
        var name = "cordouan-notify-test-" + Guid.NewGuid().ToString("N");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using var notifier = new SystemdNotifier("@" + name);

        Assert.True(notifier.Ready("up"));

        var buffer = new byte[256];
        listener.ReceiveTimeout = 5000;
        var length = listener.Receive(buffer);
        Assert.Equal("READY=1\nSTATUS=up\n", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void Notify_NoNotifySocket_DoesNothing()
    {
        using var notifier = new SystemdNotifier(null);

        Assert.False(notifier.Enabled);
        Assert.False(notifier.Stopping("bye"));
    }
}
