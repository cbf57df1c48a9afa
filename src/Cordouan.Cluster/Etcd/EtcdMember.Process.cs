using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cordouan.Core.Errors;

namespace Cordouan.Cluster.Etcd;

public sealed partial class EtcdMember
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private void PrepareDirectories()
    {
        var dataDirectory = _options.DataDirectoryPath;
        try
        {
            if (File.Exists(dataDirectory))
            {
                throw new IOException($"'{dataDirectory}' is a file, not a directory");
            }
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(Path.GetDirectoryName(_options.LogFilePath)!);
            Directory.CreateDirectory(Path.GetDirectoryName(_options.PidFilePath)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail($"data directory {dataDirectory} is unusable: {e.Message}", "Fix the path or its permissions (etcd needs a writable directory of its own).", e);
        }
    }

    /// <summary>Stops an etcd left running on our data directory by a previous cordouand that died without stopping it.</summary>
    private async Task StopLeftoverAsync(CancellationToken cancellationToken)
    {
        if (_pidFile.ReadLivePid() is not { } pid)
        {
            return;
        }
        Log.LeftoverFound(_logger, _options.Name, pid, _pidFile.Path);
        await SignalAsync(pid, "TERM", cancellationToken);
        if (await WaitGoneAsync(pid, _options.StopTimeout, cancellationToken))
        {
            return;
        }
        await SignalAsync(pid, "KILL", cancellationToken);
        if (!await WaitGoneAsync(pid, TimeSpan.FromSeconds(5), cancellationToken))
        {
            throw Fail($"a leftover etcd (pid {pid}) on the same data directory does not exit", $"Kill it by hand (kill -9 {pid}) and retry.");
        }
    }

    /// <summary>Spawns etcd and waits for it to be healthy; on failure kills it and throws.</summary>
    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        CheckPortsFree();
        var logOffset = File.Exists(_options.LogFilePath) ? new FileInfo(_options.LogFilePath).Length : 0;
        _logOffset = logOffset;
        _output.Clear();
        var process = Spawn();
        _startedAt = _timeProvider.GetTimestamp();
        Volatile.Write(ref _process, process);
        try
        {
            await _pidFile.WriteAsync(process.Id, cancellationToken);
            if (await WaitHealthyAsync(process, logOffset, cancellationToken))
            {
                var elapsed = _timeProvider.GetElapsedTime(_startedAt);
                Log.Healthy(_logger, _options.Name, process.Id, elapsed);
            }
        }
        catch
        {
            await TerminateAsync(process, CancellationToken.None);
            Volatile.Write(ref _process, null);
            process.Dispose();
            throw;
        }
    }

    private Process Spawn()
    {
        var argv = EtcdCommandLine.Build(_options);
        var info = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        // etcd also reads ETCD_* variables and complains when they shadow our flags.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("ETCD_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw Fail($"cannot run '{_options.EtcdBinary}': {e.Message}", "Install etcd (apt-get install etcd-server) or set the etcd binary to its full path.", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once healthy; false when a member of a multi-member cluster runs but has no quorum yet.</summary>
    private async Task<bool> WaitHealthyAsync(Process process, long logOffset, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.StartTimeout, _timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var last = "no answer yet";
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    var complaints = Complaints(logOffset);
                    throw Fail($"etcd exited with code {process.ExitCode}: {complaints}", EtcdFailureReport.Hint(complaints, _options));
                }
                (var healthy, last) = await _probe.CheckAsync(deadline.Token);
                if (healthy && !process.HasExited)
                {
                    return true;
                }
                await Task.Delay(PollInterval, _timeProvider, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (!_options.IsSingleMember && !process.HasExited)
            {
                // Peers down: the node must still come up (serving stale reads, refusing writes); etcd joins when they return.
                Log.RunningWithoutQuorum(_logger, _options.Name, process.Id, _options.StartTimeout, last);
                return false;
            }
            throw Fail(
                $"etcd did not become healthy within {_options.StartTimeout.TotalSeconds:0} s (last check of {ClientUrl}/health: {last}; etcd says: {Complaints(logOffset)})",
                $"See {_options.LogFilePath}.");
        }
    }

    /// <summary>SIGTERM, a bounded wait, then SIGKILL of the whole tree.</summary>
    private async Task TerminateAsync(Process process, CancellationToken cancellationToken)
    {
        if (process.HasExited)
        {
            return;
        }
        await SignalAsync(process.Id, "TERM", cancellationToken);
        using (var timeout = new CancellationTokenSource(_options.StopTimeout, _timeProvider))
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                Log.KillingAfterTimeout(_logger, _options.Name, process.Id, _options.StopTimeout);
            }
        }
        process.Kill(entireProcessTree: true);
        using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(5), _timeProvider);
        await process.WaitForExitAsync(killed.Token);
    }

    private async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        try
        {
            await _runner.RunAsync(["kill", "-" + signal, pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        }
        catch (ExternalCommandException e)
        {
            // No kill(1) on this host: SIGKILL from .NET is the only signal left.
            Log.SignalFailed(_logger, pid, signal, e.Message);
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
    }

    private async Task<bool> WaitGoneAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _timeProvider.TimestampFrequency);
        while (_pidFile.IsOurEtcd(pid))
        {
            if (_timeProvider.GetTimestamp() >= deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval, _timeProvider, cancellationToken);
        }
        return true;
    }

    /// <summary>Fails early with a precise message when a client or peer port is already taken.</summary>
    private void CheckPortsFree()
    {
        foreach (var (role, urls) in new[] { ("client URL", _options.ClientUrl), ("peer URL", _options.PeerUrl) })
        {
            foreach (var url in urls.Split(',').Select(u => new Uri(u.Trim())))
            {
                var address = url.IsLoopback && !IPAddress.TryParse(url.Host, out _) ? IPAddress.Loopback
                    : IPAddress.TryParse(url.Host, out var parsed) ? parsed : null;
                if (address is null)
                {
                    continue;
                }
                var listener = new TcpListener(address, url.Port);
                try
                {
                    // Like etcd (Go), ignore TIME_WAIT leftovers of a member that just died.
                    listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    listener.Start();
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                {
                    throw Fail(
                        $"{role} {url.GetLeftPart(UriPartial.Authority)}: port {url.Port} is already in use by another process",
                        $"Stop that process (see `ss -ltnp 'sport = :{url.Port}'`) or configure another port.", e);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
                {
                    throw Fail($"{role} {url}: this host has no address {url.Host}", "Fix the URL to use one of this host's addresses.", e);
                }
                finally
                {
                    listener.Stop();
                }
            }
        }
    }

    private string Complaints(long logOffset) => EtcdFailureReport.Complaints(_options.LogFilePath, logOffset, _output.Snapshot());

    private EtcdMemberException Fail(string what, string hint, Exception? inner = null) => new(_options.Name, what, hint, inner);
}
