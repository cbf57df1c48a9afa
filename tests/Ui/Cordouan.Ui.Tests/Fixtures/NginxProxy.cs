using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Cordouan.Testing;

namespace Cordouan.Ui.Tests.Fixtures;

/// <summary>
/// A real nginx on 127.0.0.1 publishing cordouand under <c>/cordouan/</c>, configured as the README tells operators
/// (websocket upgrade headers, the daemon's self-signed certificate not verified). Its config, pid, logs and temp dirs
/// live in its own temp dir; it runs in the foreground as our child and is killed on dispose.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly TempDirectory _directory = new("nginx");
    private Process? _process;

    public int Port { get; } = PortAllocator.Next();

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/cordouan/";

    public string ErrorLog => _directory.Combine("error.log");

    public static async Task<NginxProxy> StartAsync(int daemonPort, CancellationToken cancellationToken)
    {
        var proxy = new NginxProxy();
        try
        {
            await proxy.RunAsync(daemonPort, cancellationToken);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(int daemonPort, CancellationToken cancellationToken)
    {
        var dir = _directory.Path;
        var config = _directory.Combine("nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log {{dir}}/access.log;
              client_body_temp_path {{dir}}/client_body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              server {
                listen 127.0.0.1:{{Port}};
                location /cordouan/ {
                  proxy_pass https://127.0.0.1:{{daemonPort}}/;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_ssl_verify off;
                  proxy_buffering off;
                  proxy_read_timeout 1h;
                }
              }
            }
            """, cancellationToken);
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", dir, "-c", config })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await ReadErrorLogAsync()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    public async Task<string> ReadErrorLogAsync() => File.Exists(ErrorLog) ? await File.ReadAllTextAsync(ErrorLog) : "";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process?.Dispose();
        _directory.Dispose();
    }
}
