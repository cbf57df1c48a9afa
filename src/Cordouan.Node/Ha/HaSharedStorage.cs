using Cordouan.Node.Config;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Node.Ha;

/// <summary>
/// Whether a VM can be recovered on another node: every disk it boots with must be on a storage all nodes share
/// (a local disk stays behind with a failed node). CD-ROMs and unused or snapshot-only volumes do not count.
/// </summary>
public static class HaSharedStorage
{
    /// <summary>
    /// What keeps <paramref name="vm"/> from being HA-managed, one line per disk (empty when nothing does).
    /// <paramref name="sharedByStorage"/> says, per storage id, whether it is shared; a missing id is an unknown storage.
    /// </summary>
    public static IReadOnlyList<string> Problems(VmDocument vm, IReadOnlyDictionary<string, bool> sharedByStorage)
    {
        var problems = new List<string>();
        foreach (var device in vm.Config.Where(c => DiskConfig.IsDiskKey(c.Key)).Select(c => DiskConfig.Parse(c.Key, c.Value))
            .Where(d => !d.IsCdrom && d.File.StartsWith('/')).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            problems.Add($"disk {device.Key} is the host device '{device.File}'");
        }
        foreach (var disk in MigrationVolumes.Of(vm).Where(r => !r.IsCdrom && !r.IsUnused && !r.OnlyInSnapshots))
        {
            var storage = disk.Volume.Storage;
            if (!sharedByStorage.TryGetValue(storage, out var shared))
            {
                problems.Add($"disk {disk.Key} is on storage '{storage}', which does not exist");
            }
            else if (!shared)
            {
                problems.Add($"disk {disk.Key} is on local storage '{storage}'");
            }
        }
        return problems;
    }

    /// <summary>The one-line refusal for <paramref name="problems"/>.</summary>
    public static string Refusal(IReadOnlyList<string> problems) =>
        $"HA needs shared storage: {string.Join(", ", problems)} - move {(problems.Count == 1 ? "it" : "them")} to a shared storage first";
}
