using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios;

/// <summary>One cordouand node (with its etcd) shared by every scenario, a logged-in client and a scratch directory.</summary>
public sealed class BenchContext : IAsyncDisposable
{
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(20);
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _nextVmId = 100;

    private BenchContext(BenchOptions options, CordouandNode node)
    {
        Options = options;
        Node = node;
        Scratch = new TempDirectory("cordouan-bench");
    }

    public BenchOptions Options { get; }

    public CordouandNode Node { get; }

    public PveHttp Api { get; private set; } = null!;

    public RawApi Raw { get; private set; } = null!;

    /// <summary>The pristine test guest image (never booted directly).</summary>
    public string GuestImage { get; private set; } = "";

    /// <summary>Where the bench keeps its own files: bare QEMU run dirs, disk copies, qemu-img outputs.</summary>
    public TempDirectory Scratch { get; }

    public string NodeName => Node.NodeName;

    /// <summary>Starts cordouand and logs in; builds the test guest image first if it is not cached.</summary>
    public static async Task<BenchContext> StartAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        // The ui scenario loads the app the daemon serves: the repo's build, when there is one.
        var node = new CordouandNode(extraArguments: File.Exists(Path.Combine(WebDist, "index.html")) ? ["--web-root", WebDist] : null);
        var context = new BenchContext(options, node);
        try
        {
            context.Progress("building or finding the test guest image");
            context.GuestImage = await new TestGuest().GetImageAsync(cancellationToken);
            context.Progress($"starting cordouand on 127.0.0.1:{node.ApiPort}");
            await node.StartAsync(cancellationToken);
            context.Api = await node.AdminAsync(cancellationToken);
            context.Raw = new RawApi(node.BaseAddress, node.CertificatePem, context.Api.Ticket!);
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>The built web UI of this checkout (scripts/build-web.sh).</summary>
    public static string WebDist => Path.Combine(RepoPaths.Root, "web", "dist");

    /// <summary>A VM id not used yet in this run.</summary>
    public int NextVmId() => Interlocked.Increment(ref _nextVmId);

    public string VmPath(int vmid, string rest = "") => $"/nodes/{NodeName}/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}{rest}";

    /// <summary>Creates a stopped VM whose scsi0 is imported from the test guest, as the integration fixtures do.</summary>
    public Task CreateGuestAsync(int vmid, CancellationToken cancellationToken) =>
        TaskPoller.RunOkAsRootAsync(Api, HttpMethod.Post, $"/nodes/{NodeName}/qemu", new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["name"] = $"bench{vmid}",
            ["memory"] = "160",
            ["cores"] = "1",
            ["scsi0"] = $"local:0,import-from={GuestImage}",
            ["net0"] = "virtio",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
        }, TaskPoll, TimeSpan.FromMinutes(2), cancellationToken);

    /// <summary>Runs an API call returning a UPID and waits (bounded) for it to end OK.</summary>
    public Task RunTaskAsync(HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken cancellationToken) =>
        TaskPoller.RunOkAsync(Api, method, path, form, TaskPoll, TimeSpan.FromMinutes(2), cancellationToken);

    /// <summary>The one file under the node's data directory whose name starts with <paramref name="prefix"/> (e.g. <c>vm-101-disk-0</c>).</summary>
    public string FindVolumeFile(string prefix)
    {
        var matches = Directory.EnumerateFiles(Node.Data.Path, prefix + "*", SearchOption.AllDirectories).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"expected one file '{prefix}*' under {Node.Data.Path}, found {matches.Count}");
    }

    /// <summary>A progress line on stderr (stdout carries only the result table).</summary>
    public void Progress(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0}s] {message}"));

    public async ValueTask DisposeAsync()
    {
        Raw?.Dispose();
        Api?.Dispose();
        await Node.DisposeAsync();
        Scratch.Dispose();
    }
}
