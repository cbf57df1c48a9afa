using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cordouan.Cluster.Etcd;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Cluster.Tests.Etcd;

[Trait("Requires", "etcd")]
public sealed class EtcdMemberTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("cordouan-etcd-member");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartAsync_FreePorts_BecomesHealthyAndStopsCleanly()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        var options = Options();
        await using var member = NewMember(options);

        await member.StartAsync(deadline.Token);
        var pid = member.ProcessId;

        Assert.True(await member.IsHealthyAsync(deadline.Token));
        Assert.NotNull(pid);
        Assert.Equal($"{pid}\n", await File.ReadAllTextAsync(options.PidFilePath, deadline.Token));
        Assert.True(File.Exists(options.LogFilePath));

        await member.StopAsync(deadline.Token);

        Assert.Null(member.ProcessId);
        Assert.False(File.Exists(options.PidFilePath));
        Assert.False(await member.IsHealthyAsync(deadline.Token));
        Assert.False(IsRunning(pid.Value));
    }

    [Fact]
    public async Task Supervisor_EtcdKilledWithSigkill_RestartsIt()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        await using var member = NewMember(Options() with { RestartDelay = TimeSpan.FromMilliseconds(200) });
        await member.StartAsync(deadline.Token);
        var first = member.ProcessId!.Value;

        using (var process = Process.GetProcessById(first))
        {
            process.Kill();
        }

        await TestDeadline.WaitUntilAsync("the etcd member to be restarted and healthy", async () =>
        {
            var pid = member.ProcessId;
            var restarted = member.Restarts == 1 && pid is not null && pid != first && await member.IsHealthyAsync(deadline.Token);
            return (restarted, $"pid {pid?.ToString() ?? "none"}, restarts {member.Restarts}");
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task StartAsync_LeftoverEtcdOfSameDataDirectory_StopsItAndStartsOwn()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        var options = Options();
        Directory.CreateDirectory(options.DataDirectoryPath);
        // What a SIGKILLed cordouand leaves behind: a running etcd and its pidfile.
        var argv = EtcdCommandLine.Build(options);
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        using var leftover = Process.Start(info)!;
        try
        {
            await File.WriteAllTextAsync(options.PidFilePath, $"{leftover.Id}\n", deadline.Token);
            await using var member = NewMember(options);

            await member.StartAsync(deadline.Token);

            Assert.True(leftover.HasExited);
            Assert.NotEqual(leftover.Id, member.ProcessId);
            Assert.True(await member.IsHealthyAsync(deadline.Token));
        }
        finally
        {
            if (!leftover.HasExited)
            {
                leftover.Kill();
            }
        }
    }

    [Fact]
    public async Task StartAsync_ClientPortTaken_ThrowsNamingThePort()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var member = NewMember(Options() with { ClientUrl = $"http://127.0.0.1:{port}" });

        var error = await Assert.ThrowsAsync<EtcdMemberException>(() => member.StartAsync(deadline.Token));

        Assert.Contains($"port {port} is already in use", error.Message);
        Assert.Contains("configure another port", error.Message);
        Assert.Null(member.ProcessId);
    }

    [Fact]
    public async Task StartAsync_BinaryMissing_ThrowsWithInstallHint()
    {
        using var deadline = TestDeadline.After(Timeout);
        await using var member = NewMember(Options() with { EtcdBinary = "/nonexistent/etcd" });

        var error = await Assert.ThrowsAsync<EtcdMemberException>(() => member.StartAsync(deadline.Token));

        Assert.Contains("cannot run '/nonexistent/etcd'", error.Message);
        Assert.Contains("apt-get install etcd-server", error.Message);
    }

    [Fact]
    public async Task StartAsync_DataDirectoryIsAFile_ThrowsNamingIt()
    {
        using var deadline = TestDeadline.After(Timeout);
        var file = _directory.Combine("not-a-dir");
        await File.WriteAllTextAsync(file, "x", deadline.Token);
        await using var member = NewMember(Options() with { DataDirectory = file });

        var error = await Assert.ThrowsAsync<EtcdMemberException>(() => member.StartAsync(deadline.Token));

        Assert.Contains($"data directory {file} is unusable", error.Message);
    }

    private EtcdMemberOptions Options() => new()
    {
        Name = "node1",
        DataDirectory = _directory.Combine("etcd", "data"),
        ClientUrl = $"http://127.0.0.1:{PortAllocator.Next()}",
        PeerUrl = $"http://127.0.0.1:{PortAllocator.Next()}",
        StartTimeout = TimeSpan.FromSeconds(15),
        StopTimeout = TimeSpan.FromSeconds(5),
    };

    private static EtcdMember NewMember(EtcdMemberOptions options) =>
        new(options, TimeProvider.System, NullLogger<EtcdMember>.Instance);

    private static bool IsRunning(int pid) => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Length > 0;
}
