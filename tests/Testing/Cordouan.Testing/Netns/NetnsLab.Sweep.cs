using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Testing.Netns;

/// <summary>
/// Lab ids. Lab N owns /run/cordlab/N.lock, held with flock (FileShare.None) for its lifetime and holding the owner's
/// pid for humans. The kernel drops the lock when the owner dies, however it dies, so "lock is free but
/// cordlab-N-* still exists" means a crashed run: those namespaces are killed and removed. Lock files are never
/// deleted; unlinking a lock file others may have open would let two labs claim the same id.
/// </summary>
public sealed partial class NetnsLab
{
    private const string LockDirectory = "/run/cordlab";
    private const int MaxLabs = 256;

    private static string NamespacePrefix(int index) => $"cordlab-{index}-";

    /// <summary>Removes the namespaces and test veths of every lab whose owning process is gone.</summary>
    private static async Task SweepStaleLabsAsync(CancellationToken cancellationToken)
    {
        var namespaces = await IpTool.NamespacesAsync(cancellationToken);
        var links = await IpTool.RootLinksAsync(cancellationToken);
        var indices = namespaces.Select(n => NamespaceName().Match(n)).Concat(links.Select(l => LinkName().Match(l)))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))
            .Where(i => i < MaxLabs)
            .Distinct();
        foreach (var index in indices)
        {
            await using var lockFile = TryLock(index);
            if (lockFile is not null)
            {
                await RemoveLabAsync(index, cancellationToken);
            }
        }
    }

    private static async Task<(int Index, FileStream Lock)> ClaimIndexAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; index < MaxLabs; index++)
        {
            if (TryLock(index) is not { } lockFile)
            {
                continue;
            }
            lockFile.SetLength(0);
            await lockFile.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"), cancellationToken);
            await lockFile.FlushAsync(cancellationToken);
            // A lab that crashed after the sweep listed the namespaces may have left this id behind.
            await RemoveLabAsync(index, cancellationToken);
            return (index, lockFile);
        }
        throw new InvalidOperationException($"Failed to create a network lab: all {MaxLabs} lab ids under {LockDirectory} are in use");
    }

    private static FileStream? TryLock(int index)
    {
        Directory.CreateDirectory(LockDirectory);
        try
        {
            return new FileStream(Path.Combine(LockDirectory, $"{index}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // Locked: a live lab (in this process or another) owns the id.
            return null;
        }
    }

    private static async Task RemoveLabAsync(int index, CancellationToken cancellationToken)
    {
        var prefix = NamespacePrefix(index);
        var namespaces = (await IpTool.NamespacesAsync(cancellationToken)).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var ns in namespaces.OrderBy(n => n == prefix + "switch"))
        {
            await IpTool.DeleteNamespaceAsync(ns, cancellationToken);
        }
        await IpTool.DeleteRootLinkAsync($"cordlab-{index}", cancellationToken);
    }

    [GeneratedRegex(@"^cordlab-(\d{1,3})-")]
    private static partial Regex NamespaceName();

    [GeneratedRegex(@"^cordlab-(\d{1,3})$")]
    private static partial Regex LinkName();
}
