using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Node.Config;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>
    /// Checks the NICs a create or config change sets, and completes them: each bridge must exist on this node, a MAC
    /// given must not be used by any other NIC in the cluster, a missing MAC is kept from the NIC being replaced or
    /// else generated unused. Reports every bad NIC at once.
    /// </summary>
    private async Task CheckNicsAsync(VmId id, Dictionary<string, string> set, IReadOnlyDictionary<string, string>? current, CancellationToken cancellationToken)
    {
        var keys = set.Keys.Where(k => NetConfig.TryParseKey(k, out _)).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }
        var used = await UsedMacsAsync(id, keys, cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var nics = new Dictionary<string, NetConfig>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var nic = NetConfig.Parse(key, set[key]);
            if (nic.Bridge is { } bridge && await network.FindBridgeAsync(bridge, cancellationToken) is null)
            {
                errors[key] = $"bridge '{bridge}' does not exist on node '{NodeName}'";
            }
            else if (nic.MacAddress is { } mac && !used.TryAdd(mac, Owner(id, key)))
            {
                errors[key] = $"MAC address {mac} is already used by {used[mac]}";
            }
            nics[key] = nic;
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        foreach (var (key, nic) in nics.Where(n => n.Value.MacAddress is null))
        {
            // Changing a NIC's options must not change its MAC (the guest would see a new NIC).
            var kept = current?.GetValueOrDefault(key) is { } old ? NetConfig.Parse(key, old).MacAddress : null;
            set[key] = nic.WithMac(kept is not null && used.TryAdd(kept, Owner(id, key)) ? kept : UniqueMac(used, id, key)).ToString();
        }
    }

    /// <summary>
    /// On a running VM, a NIC added is hot-plugged and a NIC deleted is hot-unplugged before the config is written (a
    /// failure leaves the config as it was). A changed NIC takes effect at the next start, as other changes do.
    /// </summary>
    private async Task HotplugNicsAsync(VmId id, IReadOnlyDictionary<string, string> current, Dictionary<string, string> set, IReadOnlyList<string> deletes, CancellationToken cancellationToken)
    {
        var added = set.Keys.Where(k => NetConfig.TryParseKey(k, out _) && !current.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var removed = deletes.Where(k => NetConfig.TryParseKey(k, out _) && current.ContainsKey(k)).ToList();
        if ((added.Count == 0 && removed.Count == 0) || await driver.GetAsync(id, cancellationToken) is null)
        {
            return;
        }
        foreach (var key in removed)
        {
            await driver.UnplugNicAsync(id, key, cancellationToken);
        }
        foreach (var key in added)
        {
            var nic = NetConfig.Parse(key, set[key]);
            await driver.PlugNicAsync(id, new NicSpec(key, nic.Index, nic.Model, nic.MacAddress!, nic.Bridge, nic.LinkDown, nic.Tag, nic.Rate), cancellationToken);
        }
    }

    /// <summary>Every MAC of every NIC in the cluster (current configs), mapped to its owner; the <paramref name="replacing"/> keys of <paramref name="vm"/> are left out.</summary>
    private async Task<Dictionary<string, string>> UsedMacsAsync(VmId? vm, IReadOnlyCollection<string> replacing, CancellationToken cancellationToken)
    {
        var used = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in await vms.ListAsync(cancellationToken))
        {
            var otherId = other.Document.Id;
            foreach (var (key, value) in other.Document.Config)
            {
                if (NetConfig.TryParseKey(key, out _) && !(otherId == vm && replacing.Contains(key))
                    && TryParseMac(key, value) is { } mac)
                {
                    used.TryAdd(mac, Owner(otherId, key));
                }
            }
        }
        return used;
    }

    /// <summary>A generated MAC no NIC in <paramref name="used"/> has; recorded there for <paramref name="id"/>'s <paramref name="key"/>.</summary>
    private static string UniqueMac(Dictionary<string, string> used, VmId id, string key)
    {
        while (true)
        {
            var mac = MacAddresses.Generate();
            if (used.TryAdd(mac, Owner(id, key)))
            {
                return mac;
            }
        }
    }

    private static string? TryParseMac(string key, string value)
    {
        try
        {
            return NetConfig.Parse(key, value).MacAddress;
        }
        catch (FormatException)
        {
            return null; // A stored value we cannot read owns no MAC we could check.
        }
    }

    private static string Owner(VmId id, string key) => $"VM {id} ({key})";
}
