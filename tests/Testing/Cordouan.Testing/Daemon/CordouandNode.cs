using System.Diagnostics;
using System.Net;
using System.Text;
using Cordouan.Testing.Netns;

namespace Cordouan.Testing.Daemon;

/// <summary>
/// A real cordouand process (and its embedded etcd) in a temp data dir on free loopback ports.
/// Can be killed with SIGKILL and started again on the same data, as an operator's crash would.
/// Given a <see cref="LabHost"/>, it runs inside that host's network namespace on the standard ports instead.
/// </summary>
public sealed class CordouandNode : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly Func<string[], string[]>? _command;
    private Process? _process;

    /// <param name="extraArguments">Options appended to the command line (they win over the defaults).</param>
    public CordouandNode(string nodeName = "node1", IReadOnlyList<string>? extraArguments = null)
        : this(nodeName, extraArguments, host: null)
    {
    }

    /// <summary>A node inside <paramref name="host"/>'s namespace: API on &lt;address&gt;:8006, etcd peers on &lt;address&gt;:2380.</summary>
    /// <param name="nodeName">Defaults to the host's name.</param>
    /// <param name="extraArguments">Options appended to the command line (they win over the defaults).</param>
    /// <param name="command">
    /// Wraps cordouand's argv to run it inside more than the host's network namespace (a namespaced systemd's
    /// <c>nsenter</c>); default <see cref="LabHost.Command"/>.
    /// </param>
    public CordouandNode(LabHost host, string? nodeName = null, IReadOnlyList<string>? extraArguments = null, Func<string[], string[]>? command = null)
        : this(nodeName ?? host.Name, extraArguments, host)
    {
        _command = command;
    }

    private CordouandNode(string nodeName, IReadOnlyList<string>? extraArguments, LabHost? host)
    {
        NodeName = nodeName;
        Host = host;
        _extraArguments = extraArguments ?? [];
        Data = new TempDirectory("cordouand");
        // In its own namespace a node has the standard ports to itself; on the shared loopback it needs free ones.
        ApiPort = host is null ? PortAllocator.Next() : 8006;
        EtcdClientPort = host is null ? PortAllocator.Next() : 2379;
        EtcdPeerPort = host is null ? PortAllocator.Next() : 2380;
        AdminPassword = "test-" + Guid.NewGuid().ToString("N")[..12];
        File.WriteAllText(Data.Combine("admin-password.in"), AdminPassword);
        File.WriteAllText(Data.Combine("shadow"), TestRoot.ShadowLine + "\n");
    }

    public string NodeName { get; }

    /// <summary>The lab host whose namespace the node runs in; null for the loopback mode.</summary>
    public LabHost? Host { get; }

    /// <summary>The address the API listens on and the node advertises (<c>--address</c>).</summary>
    public IPAddress Address => Host?.Address ?? IPAddress.Loopback;

    public TempDirectory Data { get; }
    public int ApiPort { get; }
    public int EtcdClientPort { get; }
    public int EtcdPeerPort { get; }
    public string AdminPassword { get; }
    public Uri BaseAddress => new($"https://{Address}:{ApiPort}");

    /// <summary>The embedded etcd's client URL (mutual TLS: see <see cref="EtcdctlTlsArguments"/>).</summary>
    public string EtcdClientUrl => $"https://127.0.0.1:{EtcdClientPort}";

    /// <summary>etcdctl's flags to reach this node's etcd with the node's own certificate (as root).</summary>
    public IReadOnlyList<string> EtcdctlTlsArguments =>
        ["--cacert", Data.Combine("certs", "ca.pem"), "--cert", Data.Combine("certs", "node.pem"), "--key", Data.Combine("certs", "node-key.pem")];

    /// <summary>The etcd peer URL other members use to reach this node's embedded etcd.</summary>
    public Uri EtcdPeerUrl => new($"https://{Address}:{EtcdPeerPort}");

    /// <summary>The node's API certificate (generated at its first start).</summary>
    public string CertificatePem => Data.Combine("certs", "node.pem");

    /// <summary>The daemon's syslog socket path (<c>--syslog-socket</c>): bind a <c>SyslogReceiver</c> there to read its records.</summary>
    public string SyslogSocket => Data.Combine("syslog.sock");

    /// <summary>SHA-256 fingerprint of the node's certificate in Proxmox's form (<c>AB:CD:…</c>), the only one its schema's
    /// <c>fingerprint</c> pattern accepts (<c>cord --fingerprint</c> takes it with or without colons).</summary>
    public string Fingerprint()
    {
        using var certificate = PemCertificate.Load(CertificatePem);
        return string.Join(':', certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>An anonymous client that trusts this node's certificate.</summary>
    public PveHttp Anonymous() => new(BaseAddress, CertificatePem);

    /// <summary>An anonymous client whose connections come from <paramref name="localAddress"/> (e.g. 127.0.0.2: another client to the daemon).</summary>
    public PveHttp AnonymousFrom(IPAddress localAddress) => new(BaseAddress, CertificatePem, localAddress);
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

    /// <summary>The marker telling this daemon's first start since the "host" booted; deleting it simulates a reboot.</summary>
    public string OnBootMarker => Data.Combine("tmpfs", "onboot-started");

    public string SerialSocket(int vmid) => Data.Combine("run", "qemu", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), "serial0.sock");

    /// <summary>Starts cordouand and waits until its API answers (bounded).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Requirements.Qemu();
        Requirements.Etcd();
        if (Host is not null)
        {
            NetnsRequirements.NetworkNamespaces();
        }
        if (!File.Exists(RepoPaths.Cordouand))
        {
            throw new InvalidOperationException($"{RepoPaths.Cordouand} is missing: build the solution first (make build)");
        }
        string[] daemon =
        [
            RepoPaths.Cordouand,
            "--data-dir", Data.Path, "--listen", $"{Address}:{ApiPort}", "--node-name", NodeName, "--accel", "tcg",
            "--admin-password-file", Data.Combine("admin-password.in"),
            "--etcd-client-url", EtcdClientUrl, "--etcd-peer-url", EtcdPeerUrl.ToString().TrimEnd('/'),
            "--address", Address.ToString(),
            // Tests expect Ceph under the data dir whatever the machine's PID 1; a test of the systemd mode overrides it.
            "--ceph-service-manager", "cordouand",
            // Login failures go to a socket of the test's own (absent unless a test binds a SyslogReceiver there), never the host's /dev/log.
            "--syslog-socket", SyslogSocket,
            // root@pam logs in against the test's shadow file (TestRoot), never the host's accounts.
            "--pam-shadow-file", Data.Combine("shadow"),
            // The boot marker of the test's own (a "reboot" deletes it), never the host's /run/cordouan.
            "--onboot-marker", OnBootMarker,
            .. _extraArguments,
        ];
        // `ip netns exec` execs cordouand in place, so the process we hold (and kill) is cordouand itself.
        var argv = Host is null ? daemon : _command?.Invoke(daemon) ?? Host.Command(daemon);
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        _process?.Dispose();
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

    /// <summary>
    /// Copies a host image into this node's <c>local</c> storage as import content and returns its volume id
    /// (<c>local:import/&lt;file&gt;</c>): what a non-root user imports from, since host paths are root@pam's alone.
    /// </summary>
    public string ImportVolume(string hostImage)
    {
        var name = Path.GetFileName(hostImage);
        var import = Data.Combine("storage", "local", "import");
        Directory.CreateDirectory(import);
        var target = Path.Combine(import, name);
        if (!File.Exists(target))
        {
            File.Copy(hostImage, target + ".part", overwrite: true);
            File.Move(target + ".part", target);
        }
        return $"local:import/{name}";
    }

    /// <summary>A logged-in root@pam client (see <see cref="TestRoot"/>).</summary>
    public async Task<PveHttp> RootAsync(CancellationToken cancellationToken)
    {
        var http = Anonymous();
        (await http.LoginAsync(TestRoot.UserId, TestRoot.Password, cancellationToken)).EnsureOk();
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

    /// <summary>Crash and start again on the same data: <see cref="KillAsync"/> then <see cref="StartAsync"/>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        await StartAsync(cancellationToken);
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
        if (Host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Host.KillProcessesAsync(timeout.Token);
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
