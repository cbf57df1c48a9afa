using System.Net;
using System.Net.Sockets;
using Cordouan.Platform.Processes;
using Cordouan.Testing.Netns;

namespace Cordouan.Integration.Tests.Netns;

/// <summary>TCP reachability checks between lab hosts (socat inside a namespace) and from the test process (a socket).</summary>
public static class TcpProbe
{
    /// <summary>How long a connect may take before the peer counts as unreachable; the observation window of a negative probe.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A listener in <paramref name="host"/> accepting any number of connections and discarding what they send.</summary>
    public static async Task<BackgroundProcess> ListenAsync(LabHost host, int port, CancellationToken cancellationToken)
    {
        var listener = BackgroundProcess.Start(host.Command("socat", "-u", $"TCP-LISTEN:{port},bind={host.Address},reuseaddr,fork", "OPEN:/dev/null"));
        await WaitForListenerAsync(host, port, cancellationToken);
        return listener;
    }

    /// <summary>Waits until something listens on TCP <paramref name="port"/> inside <paramref name="host"/>.</summary>
    public static async Task WaitForListenerAsync(LabHost host, int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (!(await host.RunAsync(["ss", "-Hltn", $"sport = :{port}"], deadline.Token)).StandardOutput.Contains("LISTEN", StringComparison.Ordinal))
            {
                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing listens on port {port} in {host} after 10 s");
        }
    }

    /// <summary>Whether a TCP connect from inside <paramref name="from"/> to <paramref name="to"/> succeeds within <see cref="ConnectTimeout"/>.</summary>
    public static async Task<bool> CanConnectAsync(LabHost from, IPAddress to, int port, CancellationToken cancellationToken)
    {
        var argv = from.Command("socat", "-u", "OPEN:/dev/null", $"TCP:{to}:{port},connect-timeout={ConnectTimeout.TotalSeconds}");
        var result = await new ProcessRunner().RunAsync(argv, cancellationToken);
        return result.ExitCode == 0;
    }

    /// <summary>Whether a TCP connect from the test process to <paramref name="to"/> succeeds within <see cref="ConnectTimeout"/>.</summary>
    public static async Task<bool> TestProcessCanConnectAsync(IPAddress to, int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(to, port, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
