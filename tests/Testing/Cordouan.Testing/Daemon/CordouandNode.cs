using System.Diagnostics;
using System.Net;
using System.Text;

namespace Cordouan.Testing.Daemon;

/// <summary>
/// A real cordouand process (and its embedded etcd) in a temp data dir on free loopback ports.
/// Can be killed with SIGKILL and started again on the same data, as an operator's crash would.
/// </summary>
public sealed class CordouandNode : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    /// <param name="extraArguments">Options appended to the command line (they win over the defaults).</param>
    public CordouandNode(string nodeName = "node1", IReadOnlyList<string>? extraArguments = null)
    {
        NodeName = nodeName;
        _extraArguments = extraArguments ?? [];
        Data = new TempDirectory("cordouand");
        ApiPort = PortAllocator.Next();
        EtcdClientPort = PortAllocator.Next();
        EtcdPeerPort = PortAllocator.Next();
        AdminPassword = "test-" + Guid.NewGuid().ToString("N")[..12];
        File.WriteAllText(Data.Combine("admin-password.in"), AdminPassword);
    }

    public string NodeName { get; }
    public TempDirectory Data { get; }
    public int ApiPort { get; }
    public int EtcdClientPort { get; }
    public int EtcdPeerPort { get; }
    public string AdminPassword { get; }
    public Uri BaseAddress => new($"https://127.0.0.1:{ApiPort}");

    /// <summary>The node's API certificate (generated at its first start).</summary>
    public string CertificatePem => Data.Combine("certs", "node.pem");

    /// <summary>SHA-256 fingerprint of the node's certificate, as <c>cord --fingerprint</c> takes it.</summary>
    public string Fingerprint()
    {
        using var certificate = PemCertificate.Load(CertificatePem);
        return certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
    }

    /// <summary>An anonymous client that trusts this node's certificate.</summary>
    public PveHttp Anonymous() => new(BaseAddress, CertificatePem);
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string SerialSocket(int vmid) => Data.Combine("run", "qemu", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), "serial0.sock");

    /// <summary>Starts cordouand and waits until its API answers (bounded).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Requirements.Qemu();
        Requirements.Etcd();
        if (!File.Exists(RepoPaths.Cordouand))
        {
            throw new InvalidOperationException($"{RepoPaths.Cordouand} is missing: build the solution first (make build)");
        }
        var info = new ProcessStartInfo(RepoPaths.Cordouand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--data-dir", Data.Path, "--listen", $"127.0.0.1:{ApiPort}", "--node-name", NodeName, "--accel", "tcg",
            "--admin-password-file", Data.Combine("admin-password.in"),
            "--etcd-client-url", $"http://127.0.0.1:{EtcdClientPort}", "--etcd-peer-url", $"http://127.0.0.1:{EtcdPeerPort}",
        }.Concat(_extraArguments))
        {
            info.ArgumentList.Add(arg);
        }
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cordouand exited with {_process.ExitCode} during start:\n{Output}");
            }
            try
            {
                using var http = File.Exists(CertificatePem) ? Anonymous() : null;
                if (http is not null && (await http.GetAsync("/version", deadline.Token)).Status == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"cordouand did not answer within 90 s:\n{Output}");
            }
            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>A logged-in admin client.</summary>
    public async Task<PveHttp> AdminAsync(CancellationToken cancellationToken)
    {
        var http = Anonymous();
        (await http.LoginAsync("admin@pve", AdminPassword, cancellationToken)).EnsureOk();
        return http;
    }

    /// <summary>SIGKILL, as a crash: no shutdown code runs. The etcd child is left behind too, as it would be.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: false);
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Graceful stop (SIGTERM) with a bound, then kill.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            await kill!.WaitForExitAsync();
        }
        try
        {
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            p.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        // Tests must not leak VMs or etcd: stop every QEMU and etcd that lives under this node's data dir.
        foreach (var pid in ProcessesUsing(Data.Path))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        _process?.Dispose();
        Data.Dispose();
    }

    /// <summary>Processes whose command line mentions <paramref name="path"/> (QEMU and etcd started for this node).</summary>
    public static IEnumerable<int> ProcessesUsing(string path)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (cmdline.Contains(path, StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
