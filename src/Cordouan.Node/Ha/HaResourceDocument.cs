namespace Cordouan.Node.Ha;

/// <summary>
/// An HA resource as stored in etcd at <c>ha/resources/&lt;sid&gt;</c>, with Proxmox's names and defaults. Only VMs are
/// managed, so the sid is always <c>vm:&lt;vmid&gt;</c>.
/// </summary>
public sealed record HaResourceDocument
{
    public required string Sid { get; init; }
    public required int VmId { get; init; }
    /// <summary>Requested state: <c>started</c>, <c>stopped</c>, <c>disabled</c> or <c>ignored</c> (<c>enabled</c> is stored as <c>started</c>).</summary>
    public string State { get; init; } = HaStates.Started;
    public string? Group { get; init; }
    /// <summary>Restarts in place after a crash before the VM is relocated.</summary>
    public int MaxRestart { get; init; } = 1;
    /// <summary>Relocations to another node after restarts in place are exhausted, before the resource goes to <c>error</c>.</summary>
    public int MaxRelocate { get; init; } = 1;
    public bool Failback { get; init; } = true;
    public string? Comment { get; init; }

    public static string SidOf(int vmId) => $"vm:{vmId}";

    /// <summary>The VMID of a stored sid (<c>vm:100</c> → 100).</summary>
    public static int VmIdOf(string sid) => int.Parse(sid.AsSpan(sid.IndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The requested states of an HA resource (Proxmox's <c>state</c> parameter).</summary>
public static class HaStates
{
    public const string Started = "started";
    public const string Stopped = "stopped";
    public const string Disabled = "disabled";
    public const string Ignored = "ignored";

    /// <summary>Accepted in requests as an alias of <see cref="Started"/>, never stored.</summary>
    public const string Enabled = "enabled";

    /// <summary>Every value a request may ask for, in Proxmox's order.</summary>
    public static IReadOnlyList<string> Requestable { get; } = [Started, Stopped, Enabled, Disabled, Ignored];

    /// <summary>The state to store for a requested one (<c>enabled</c> becomes <c>started</c>, as Proxmox does).</summary>
    public static string Normalize(string requested) => requested == Enabled ? Started : requested;
}
