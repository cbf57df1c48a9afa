using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Core.Errors;
using Cordouan.Platform.Processes;

namespace Cordouan.Ceph.Config;

/// <summary>
/// Runs Ceph's own programs with argument arrays: the <c>ceph</c> CLI against this node's ceph.conf (bounded by a
/// connect timeout, JSON output parsed with <see cref="Json.CephJsonContext"/>) and the offline tools.
/// </summary>
public sealed class CephTools(CephOptions options, ProcessRunner runner)
{
    /// <summary>Program → Debian package, for the "not installed" error.</summary>
    private static readonly (string Program, string Package)[] Programs =
    [
        ("ceph", "ceph-common"), ("ceph-authtool", "ceph-common"), ("monmaptool", "ceph-base"),
        ("ceph-mon", "ceph-mon"), ("ceph-mgr", "ceph-mgr"), ("ceph-osd", "ceph-osd"),
    ];

    private readonly CephPaths _paths = CephPaths.From(options);

    public CephPaths Paths => _paths;

    public string Binary(string program) => Path.Combine(options.BinaryDirectory, program);

    /// <summary>Throws naming the missing packages and how to install them.</summary>
    public void EnsureInstalled()
    {
        var missing = Programs.Where(p => !File.Exists(Binary(p.Program))).Select(p => p.Package).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new CordouanException(
                $"Ceph is not installed on node '{options.NodeName}': missing package(s) {string.Join(", ", missing)}; on that node run 'make deps' (scripts/install-deps.sh) or 'apt-get install --no-install-recommends {string.Join(' ', missing)}'");
        }
    }

    /// <summary>Runs <c>ceph ARGS</c> against the cluster (admin key) and returns stdout.</summary>
    public async Task<string> CephAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string[] argv =
        [
            Binary("ceph"), "--cluster", "ceph", "-c", _paths.Conf,
            "--connect-timeout", ((int)options.ConnectTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            .. arguments,
        ];
        return (await runner.RunCheckedAsync(argv, cancellationToken)).StandardOutput;
    }

    /// <summary>Runs <c>ceph ARGS --format json</c> and parses the answer.</summary>
    public async Task<T> CephJsonAsync<T>(IReadOnlyList<string> arguments, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var output = await CephAsync([.. arguments, "--format", "json"], cancellationToken);
        return JsonSerializer.Deserialize(output, type)
            ?? throw new CordouanException($"Failed to read the output of 'ceph {string.Join(' ', arguments)}': empty answer");
    }

    /// <summary>A fresh cephx secret (<c>ceph-authtool --gen-print-key</c>).</summary>
    public async Task<string> GenerateKeyAsync(CancellationToken cancellationToken) =>
        (await runner.RunCheckedAsync([Binary("ceph-authtool"), "--gen-print-key"], cancellationToken)).StandardOutput.Trim();

    public Task<ProcessResult> RunCheckedAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        runner.RunCheckedAsync(argv, cancellationToken);

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        runner.RunAsync(argv, cancellationToken);
}
