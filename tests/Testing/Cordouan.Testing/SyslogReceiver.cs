using System.Net.Sockets;
using System.Text;

namespace Cordouan.Testing;

/// <summary>A stand-in for <c>/dev/log</c>: a unix datagram socket bound at <see cref="Path"/> that hands back the records sent to it.</summary>
public sealed class SyslogReceiver : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SyslogReceiver(string path)
    {
        Path = path;
        File.Delete(path);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    public string Path { get; }

    /// <summary>The first record whose text contains <paramref name="fragment"/>, skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[8192];
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                var record = Encoding.UTF8.GetString(buffer, 0, read);
                if (record.Contains(fragment, StringComparison.Ordinal))
                {
                    return record;
                }
                seen.Add(record);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no syslog record containing '{fragment}' within {timeout}; received: [{string.Join(" | ", seen)}]");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
