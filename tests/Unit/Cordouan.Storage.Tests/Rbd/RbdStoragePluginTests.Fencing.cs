using System.Diagnostics;
using System.Text;
using Cordouan.Core.Storage;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>Storage fencing against the real cluster: a fenced client (a real qemu-io holding the image) can no longer write; a new one can.</summary>
public sealed partial class RbdStoragePluginTests
{
    private static readonly TimeSpan ClientWait = TimeSpan.FromSeconds(30);

    private IStorageFencing Fencing => (IStorageFencing)Plugin;

    [Fact]
    public async Task FenceAsync_ClientHoldingTheImage_CannotWriteAnyMoreWhileANewClientCan()
    {
        var disk = await AllocateAsync(Owner);
        Assert.Empty(await Fencing.ClientsAsync(Storage, disk.Id.Name, Cancellation));
        using var zombie = QemuIo.Open(Plugin.PathOf(Storage, disk.Id.Name));
        Assert.Contains("wrote 4096/4096", await zombie.RunAsync("write -P 1 0 4k", Cancellation), StringComparison.Ordinal);
        var clients = await WaitForClientsAsync(disk.Id.Name, 1);

        await Fencing.FenceAsync(Storage, clients, TimeSpan.FromMinutes(10), Cancellation);

        Assert.Contains(clients[0], await Fencing.FencedAsync(Storage, Cancellation));
        // Ceph refuses the fenced instance: ESHUTDOWN, and nothing lands on the image.
        Assert.Contains("Cannot send after transport endpoint shutdown", await zombie.RunAsync("write -P 2 0 4k", Cancellation), StringComparison.Ordinal);
        using var successor = QemuIo.Open(Plugin.PathOf(Storage, disk.Id.Name));
        var read = await successor.RunAsync("read -P 1 0 4k", Cancellation);
        Assert.Contains("read 4096/4096", read, StringComparison.Ordinal);
        Assert.DoesNotContain("verification failed", read, StringComparison.Ordinal);
        Assert.Contains("wrote 4096/4096", await successor.RunAsync("write -P 3 0 4k", Cancellation), StringComparison.Ordinal);
        Assert.DoesNotContain(clients[0], await Fencing.ClientsAsync(Storage, disk.Id.Name, Cancellation));
    }

    [Fact]
    public async Task FencedAsync_NothingFencedByThisTest_DoesNotListItsClients()
    {
        var disk = await AllocateAsync(Owner);
        using var client = QemuIo.Open(Plugin.PathOf(Storage, disk.Id.Name));
        await client.RunAsync("write 0 4k", Cancellation);
        var clients = await WaitForClientsAsync(disk.Id.Name, 1);

        Assert.DoesNotContain(clients[0], await Fencing.FencedAsync(Storage, Cancellation));
    }

    private async Task<IReadOnlyList<string>> WaitForClientsAsync(string volume, int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var clients = await Fencing.ClientsAsync(Storage, volume, Cancellation);
            if (clients.Count == count || waited.Elapsed > ClientWait)
            {
                Assert.Equal(count, clients.Count);
                return clients;
            }
            await Task.Delay(200, Cancellation);
        }
    }

    /// <summary>
    /// An interactive <c>qemu-io -t none</c> (no librbd cache: every write goes to the OSDs) holding an rbd image open,
    /// as a QEMU would: one librados client for its whole life.
    /// </summary>
    private sealed class QemuIo : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private QemuIo(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public static QemuIo Open(string rbdPath)
        {
            var info = new ProcessStartInfo("qemu-io") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-t", "none", "-f", "raw", rbdPath })
            {
                info.ArgumentList.Add(argument);
            }
            return new QemuIo(Process.Start(info)!);
        }

        /// <summary>Runs one command and returns what it printed (up to the next prompt or 30 s).</summary>
        public async Task<string> RunAsync(string command, CancellationToken cancellationToken)
        {
            int start;
            lock (_output)
            {
                start = _output.Length;
            }
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < ClientWait)
            {
                await Task.Delay(100, cancellationToken);
                lock (_output)
                {
                    var text = _output.ToString(start, _output.Length - start);
                    if (text.Contains("wrote ", StringComparison.Ordinal) || text.Contains("read ", StringComparison.Ordinal) || text.Contains("failed", StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }
            lock (_output)
            {
                return _output.ToString(start, _output.Length - start);
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }
    }
}
