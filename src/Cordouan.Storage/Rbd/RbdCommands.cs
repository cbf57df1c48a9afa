using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Core.Errors;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Rbd.Json;

namespace Cordouan.Storage.Rbd;

/// <summary>
/// Typed <c>rbd</c> and <c>ceph</c> commands for one storage's client (argument arrays only; JSON output parsed with
/// <see cref="RbdJsonContext"/>). A failure raises <see cref="ExternalCommandException"/> whose exit code is Ceph's errno
/// (<see cref="Errno"/>), with argv and the stderr tail.
/// </summary>
public sealed partial class RbdCommands(ProcessRunner runner, RbdStorageOptions options)
{
    /// <summary>The errno values the plugin tells apart (rbd exits with them).</summary>
    public static class Errno
    {
        public const int NotFound = 2;
        public const int Busy = 16;
        public const int Exists = 17;
        public const int NotEmpty = 39;
    }

    /// <summary>Full argv of <c>rbd ARGS</c> with the client options first (pure; unit tested).</summary>
    public IReadOnlyList<string> RbdArgv(RbdConnection client, params IReadOnlyList<string> arguments) =>
        [options.RbdBinary, .. ClientOptions(client), "--client_mount_timeout", Seconds(options.ConnectTimeout), .. arguments];

    /// <summary>Full argv of <c>ceph ARGS</c> with the client options first (pure; unit tested).</summary>
    public IReadOnlyList<string> CephArgv(RbdConnection client, params IReadOnlyList<string> arguments) =>
        [options.CephBinary, .. ClientOptions(client), "--connect-timeout", Seconds(options.ConnectTimeout), .. arguments];

    public static string ImageSpec(string pool, string image) => $"{pool}/{image}";

    public static string SnapshotSpec(string pool, string image, string snapshot) => $"{pool}/{image}@{snapshot}";

    /// <summary>rbd reads a bare number as MiB: sizes always carry the byte unit.</summary>
    public static string SizeArgument(long bytes) => bytes.ToString(CultureInfo.InvariantCulture) + "B";

    public async Task<IReadOnlyList<string>> ListImagesAsync(RbdConnection client, string pool, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "ls", "--format", "json", pool), cancellationToken), RbdJsonContext.Default.IReadOnlyListString, "rbd ls");

    public async Task<IReadOnlyList<RbdListEntry>> ListLongAsync(RbdConnection client, string pool, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "ls", "-l", "--format", "json", pool), cancellationToken), RbdJsonContext.Default.IReadOnlyListRbdListEntry, "rbd ls -l");

    public async Task<RbdImageInfo> InfoAsync(RbdConnection client, string pool, string image, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "info", "--format", "json", ImageSpec(pool, image)), cancellationToken), RbdJsonContext.Default.RbdImageInfo, "rbd info");

    /// <summary>Usage of one image (with its snapshots), or of the whole pool when <paramref name="image"/> is null.</summary>
    public async Task<RbdDiskUsage> DiskUsageAsync(RbdConnection client, string pool, string? image, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> argv = image is null
            ? RbdArgv(client, "du", "--format", "json", "--pool", pool)
            : RbdArgv(client, "du", "--format", "json", ImageSpec(pool, image));
        return Parse(await RunAsync(argv, cancellationToken), RbdJsonContext.Default.RbdDiskUsage, "rbd du");
    }

    /// <summary>Creates an empty image; fails with <see cref="Errno.Exists"/> when the name is taken (an atomic reservation).</summary>
    public Task CreateAsync(RbdConnection client, string pool, string image, long sizeBytes, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "create", "--size", SizeArgument(sizeBytes), ImageSpec(pool, image)), cancellationToken);

    public Task ResizeAsync(RbdConnection client, string pool, string image, long sizeBytes, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "resize", "--no-progress", "--size", SizeArgument(sizeBytes), ImageSpec(pool, image)), cancellationToken);

    public Task RemoveAsync(RbdConnection client, string pool, string image, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "rm", "--no-progress", ImageSpec(pool, image)), cancellationToken);

    public Task RenameAsync(RbdConnection client, string pool, string image, string newImage, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "rename", ImageSpec(pool, image), ImageSpec(pool, newImage)), cancellationToken);

    public async Task<IReadOnlyList<RbdSnapshot>> ListSnapshotsAsync(RbdConnection client, string pool, string image, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "snap", "ls", "--format", "json", ImageSpec(pool, image)), cancellationToken), RbdJsonContext.Default.IReadOnlyListRbdSnapshot, "rbd snap ls");

    /// <summary><c>rbd snap create|rollback|rm|protect|unprotect POOL/IMAGE@SNAP</c>.</summary>
    public Task SnapshotAsync(RbdConnection client, string verb, string pool, string image, string snapshot, CancellationToken cancellationToken) =>
        RunAsync(SnapshotArgv(client, verb, pool, image, snapshot), cancellationToken);

    /// <summary>Pure; only the verbs that report progress accept <c>--no-progress</c> (protect and unprotect refuse it).</summary>
    public IReadOnlyList<string> SnapshotArgv(RbdConnection client, string verb, string pool, string image, string snapshot) =>
        verb is "protect" or "unprotect"
            ? RbdArgv(client, "snap", verb, SnapshotSpec(pool, image, snapshot))
            : RbdArgv(client, "snap", verb, "--no-progress", SnapshotSpec(pool, image, snapshot));

    /// <summary>Removes every unprotected snapshot of an image.</summary>
    public Task PurgeSnapshotsAsync(RbdConnection client, string pool, string image, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "snap", "purge", "--no-progress", ImageSpec(pool, image)), cancellationToken);

    public async Task<IReadOnlyList<RbdChild>> ChildrenAsync(RbdConnection client, string pool, string image, string snapshot, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "children", "--format", "json", SnapshotSpec(pool, image, snapshot)), cancellationToken), RbdJsonContext.Default.IReadOnlyListRbdChild, "rbd children");

    /// <summary>Copy-on-write clone of a protected snapshot: only metadata is written, whatever the image size.</summary>
    public Task CloneAsync(RbdConnection client, string pool, string image, string snapshot, string newImage, CancellationToken cancellationToken) =>
        RunAsync(RbdArgv(client, "clone", SnapshotSpec(pool, image, snapshot), ImageSpec(pool, newImage)), cancellationToken);

    /// <summary><c>ceph df</c>: per-pool stored bytes and what clients may still write.</summary>
    public async Task<CephDfPools> PoolUsageAsync(RbdConnection client, CancellationToken cancellationToken) =>
        Parse(await RunAsync(CephArgv(client, "df", "--format", "json"), cancellationToken), RbdJsonContext.Default.CephDfPools, "ceph df");

    /// <summary>Parses one command's JSON output; a malformed answer is a <see cref="CordouanException"/> naming the command.</summary>
    public static T Parse<T>(string output, JsonTypeInfo<T> type, string command)
    {
        try
        {
            return JsonSerializer.Deserialize(output, type) ?? throw new CordouanException($"Failed to read the output of '{command}': empty answer");
        }
        catch (JsonException e)
        {
            throw new CordouanException($"Failed to read the output of '{command}': {e.Message}", e);
        }
    }

    private static IReadOnlyList<string> ClientOptions(RbdConnection client) =>
        ["--conf", client.ConfPath, "--keyring", client.KeyringPath, "--id", client.User];

    private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private async Task<string> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        (await runner.RunCheckedAsync(argv, cancellationToken)).StandardOutput;
}
