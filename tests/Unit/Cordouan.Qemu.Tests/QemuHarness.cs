using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Qemu.Tests;

/// <summary>
/// A run root in a temp dir, drivers over it (TCG forced) and copies of the test guest. On dispose every QEMU whose
/// command line mentions the run root is killed and the directory removed, whatever state the test left.
/// </summary>
internal sealed class QemuHarness : IAsyncDisposable
{
    public static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(60);
    private readonly TestGuest _guest = new();
    private readonly TempDirectory _directory = new("cq");
    private readonly List<QemuVmDriver> _drivers = [];

    public QemuHarness()
    {
        Options = new QemuOptions { RunDirectory = _directory.Combine("run"), Accelerator = Accelerator.Tcg };
    }

    public QemuOptions Options { get; }

    public string Combine(string name) => _directory.Combine(name);

    public QemuVmDriver NewDriver()
    {
        var driver = new QemuVmDriver(Options, new NoBridgesHostNetwork(), NullLogger<QemuVmDriver>.Instance, TimeProvider.System);
        _drivers.Add(driver);
        return driver;
    }

    /// <summary>A fresh copy of the test guest and a spec booting it from virtio0.</summary>
    public async Task<VmLaunchSpec> GuestSpecAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var disk = await _guest.CopyToAsync(_directory.Combine($"vm-{vmId}-disk-0.qcow2"), cancellationToken);
        return new VmLaunchSpec
        {
            VmId = vmId,
            Name = $"test{vmId}",
            MemoryMiB = 128,
            SmbiosUuid = Guid.NewGuid(),
            Drives = [new DriveSpec("virtio0", DiskBus.Virtio, 0, disk, "qcow2")],
        };
    }

    /// <summary>Pids of QEMU processes started under this harness's run root (by any driver).</summary>
    public IReadOnlyList<int> QemuProcesses()
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(entry, "cmdline"));
                var state = File.ReadAllText(Path.Combine(entry, "stat"));
                if (state[(state.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    continue;
                }
            }
            catch (IOException)
            {
                continue;
            }
            if (commandLine.StartsWith("qemu-system", StringComparison.Ordinal) && commandLine.Contains(Options.RunDirectory, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _drivers)
        {
            await driver.DisposeAsync();
        }
        var leftovers = QemuProcesses();
        foreach (var pid in leftovers)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (leftovers.Count > 0 && QemuProcesses().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        _directory.Dispose();
    }
}
