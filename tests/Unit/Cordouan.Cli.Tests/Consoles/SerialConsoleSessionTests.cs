using System.IO.Pipelines;
using System.Text;
using Cordouan.Cli.Commands.Consoles;
using Cordouan.Cli.Tests.Fakes;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Xunit;

namespace Cordouan.Cli.Tests.Consoles;

/// <summary>The serial console against the fake daemon's echo WebSocket (it answers every frame upper-cased).</summary>
public sealed class SerialConsoleSessionTests : IAsyncLifetime
{
    private readonly FakePveServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_DetachKeyAfterInput_SendsBytesBeforeItAndStops()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = CreateClient(new ApiTokenCredentials("root@pam!ci=s"));
        using var socket = await client.OpenSerialConsoleAsync("n1", 100, ct);
        var input = new Pipe();
        var output = new Pipe();
        var session = SerialConsoleSession.RunAsync(socket, input.Reader.AsStream(), output.Writer.AsStream(), detachOnKey: true, ct);

        await input.Writer.WriteAsync("hello\n"u8.ToArray(), ct);
        Assert.Equal("HELLO\n", await ReadAsync(output.Reader, 6, ct));
        await input.Writer.WriteAsync(new byte[] { (byte)'x', SerialConsoleSession.DetachKey, (byte)'y' }, ct);

        Assert.Equal(ConsoleExitReason.Detached, await session.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("X", await ReadAsync(output.Reader, 1, ct));
        var upgrade = Assert.Single(_server.Requests);
        Assert.Equal("/nodes/n1/qemu/100/serialwebsocket", upgrade.Path);
        Assert.Equal("PVEAPIToken=root@pam!ci=s", upgrade.Authorization);
    }

    [Fact]
    public async Task RunAsync_RedirectedInputEnds_DrainsEchoAndReportsEndOfInput()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = CreateClient(new TicketCredentials("root@pam", "PVE:root@pam:65A1B2C3::sig", "csrf"));
        using var socket = await client.OpenSerialConsoleAsync("n1", 100, ct);
        var output = new MemoryStream();

        // Without detachOnKey the Ctrl-] byte is data like any other.
        var reason = await SerialConsoleSession.RunAsync(socket, new MemoryStream([(byte)'a', SerialConsoleSession.DetachKey, (byte)'b']), output, detachOnKey: false, ct)
            .WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(ConsoleExitReason.InputEnded, reason);
        Assert.Equal(new byte[] { (byte)'A', SerialConsoleSession.DetachKey, (byte)'B' }, output.ToArray());
        Assert.Equal("PVEAuthCookie=" + Uri.EscapeDataString("PVE:root@pam:65A1B2C3::sig"), Assert.Single(_server.Requests).Cookie);
    }

    [Fact]
    public async Task OpenSerialConsoleAsync_NoCredentials_ThrowsWithStatus401()
    {
        using var client = CreateClient(credentials: null);

        var exception = await Assert.ThrowsAsync<CordouanApiException>(() => client.OpenSerialConsoleAsync("n1", 100, TestContext.Current.CancellationToken));

        Assert.Equal(401, exception.StatusCode);
    }

    private CordouanClient CreateClient(CordouanCredentials? credentials) =>
        new(new CordouanClientOptions { BaseAddress = _server.BaseAddress, Credentials = credentials });

    private static async Task<string> ReadAsync(PipeReader reader, int count, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(count, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var text = Encoding.ASCII.GetString(result.Buffer.Slice(0, Math.Min(count, (int)result.Buffer.Length)));
        reader.AdvanceTo(result.Buffer.GetPosition(Math.Min(count, (int)result.Buffer.Length)));
        return text;
    }
}
