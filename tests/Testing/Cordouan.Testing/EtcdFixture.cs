using System.Diagnostics;
using System.Net;
using Xunit;

namespace Cordouan.Testing;

/// <summary>
/// A real single-member etcd in a temp dir on free loopback ports, healthy before the first test runs. Tests can
/// <see cref="StopAsync"/> it (SIGKILL, to simulate a crash or quorum loss) and <see cref="StartAsync"/> it again on
/// the same data and ports. If etcd is not installed the fixture stays idle; tests call <see cref="Requirements.Etcd"/>.
/// </summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1), DefaultRequestVersion = HttpVersion.Version11 };
    private TempDirectory? _directory;
    private Process? _process;

    /// <summary>The member's client URL, e.g. http://127.0.0.1:41234.</summary>
    public string ClientUrl { get; private set; } = "";

    public string PeerUrl { get; private set; } = "";

    public string DataDirectory => _directory?.Combine("data") ?? "";

    public string LogFile => _directory?.Combine("etcd.log") ?? "";

    /// <summary>Pid of the running etcd, or null when stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts a fresh etcd for one test (skips or fails per <see cref="Requirements.Etcd"/> when missing).</summary>
    public static async Task<EtcdFixture> StartNewAsync()
    {
        Requirements.Etcd();
        var fixture = new EtcdFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        if (Requirements.FindOnPath("etcd") is null)
        {
            return;
        }
        _directory = new TempDirectory("cordouan-etcd");
        var clientPort = PortAllocator.Next();
        var peerPort = PortAllocator.Next();
        while (peerPort == clientPort)
        {
            peerPort = PortAllocator.Next();
        }
        ClientUrl = $"http://127.0.0.1:{clientPort}";
        PeerUrl = $"http://127.0.0.1:{peerPort}";
        await StartAsync(CancellationToken.None);
    }

    /// <summary>Starts etcd (again) on the same data directory and ports and waits until /health says true.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_directory is null)
        {
            throw new InvalidOperationException("etcd is not installed; call Requirements.Etcd() first");
        }
        if (ProcessId is not null)
        {
            return;
        }
        var info = new ProcessStartInfo("etcd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--name=test", $"--data-dir={DataDirectory}",
            $"--listen-client-urls={ClientUrl}", $"--advertise-client-urls={ClientUrl}",
            $"--listen-peer-urls={PeerUrl}", $"--initial-advertise-peer-urls={PeerUrl}",
            $"--initial-cluster=test={PeerUrl}", "--initial-cluster-state=new",
            "--heartbeat-interval=100", "--election-timeout=1000",
            "--logger=zap", $"--log-outputs={LogFile}",
        })
        {
            info.ArgumentList.Add(argument);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("etcd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(cancellationToken);
    }

    /// <summary>Kills etcd (SIGKILL) and waits for it to be gone; the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory?.Dispose();
        _http.Dispose();
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var last = "no answer";
        try
        {
            while (true)
            {
                if (_process is null || _process.HasExited)
                {
                    throw new InvalidOperationException($"etcd exited with code {_process?.ExitCode} before becoming healthy; see {LogFile}");
                }
                last = await ProbeAsync(deadline.Token) ?? "";
                if (last.Length == 0)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"etcd at {ClientUrl} not healthy within {StartTimeout.TotalSeconds} s (last: {last}); see {LogFile}");
        }
    }

    /// <summary>Null when healthy, else what the probe saw.</summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var body = await _http.GetStringAsync(new Uri(ClientUrl + "/health"), cancellationToken);
            return body.Contains("\"health\":\"true\"", StringComparison.Ordinal) ? null : body;
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "health probe timed out";
        }
    }
}
