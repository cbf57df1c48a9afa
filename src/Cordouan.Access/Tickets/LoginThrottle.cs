using System.Net;
using System.Net.Sockets;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Slows password guessing without slowing the right password from elsewhere. Failures are counted per client address
/// and per user; from <see cref="LoginThrottleOptions.FreeFailures"/> on, the address (for every user) and the user (only
/// from the addresses that failed for it) are refused for a period that doubles with each failure. A refused attempt is
/// not checked at all (no password hash computed), is answered after the current period, and doubles it too, so the lock
/// outlives the answer and a client that keeps hammering stays locked. A success forgets the user's failures, never the
/// address's; a quiet window forgets both. Per node: each cordouand keeps its own tables in memory, bounded by
/// <see cref="LoginThrottleOptions.MaxEntries"/> (a cluster-wide count would cost a store write per failure).
/// IPv6 clients are counted per /64, the block one host usually holds.
/// </summary>
public sealed class LoginThrottle(AccessOptions options, TimeProvider timeProvider)
{
    private const string UnknownAddress = "-";
    private readonly LoginThrottleOptions _options = options.LoginThrottle;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _users = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the attempt may check the password. False when it must be refused without a check, after
    /// <paramref name="refusalDelay"/>.
    /// </summary>
    public bool TryEnter(string userId, IPAddress? client, out TimeSpan refusalDelay)
    {
        refusalDelay = TimeSpan.Zero;
        var address = AddressKey(client);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var byAddress = Live(_addresses, address, now);
            var byUser = Live(_users, userId, now);
            var addressLocked = byAddress is not null && now < byAddress.LockedUntil;
            var userLocked = byUser is not null && byUser.FailedFrom.ContainsKey(address) && now < byUser.LockedUntil;
            if (addressLocked)
            {
                refusalDelay = Escalate(byAddress!, now);
            }
            if (userLocked)
            {
                var delay = Escalate(byUser!, now);
                byUser!.FailedFrom[address] = now;
                refusalDelay = delay > refusalDelay ? delay : refusalDelay;
            }
            return !addressLocked && !userLocked;
        }
    }

    /// <summary>Counts a checked attempt that failed against both the address and the user.</summary>
    public void RecordFailure(string userId, IPAddress? client)
    {
        var address = AddressKey(client);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            Fail(GetOrAdd(_addresses, address, now), now);
            var byUser = GetOrAdd(_users, userId, now);
            Fail(byUser, now);
            byUser.FailedFrom[address] = now;
            if (byUser.FailedFrom.Count > _options.MaxAddressesPerUser)
            {
                byUser.FailedFrom.Remove(byUser.FailedFrom.MinBy(p => p.Value).Key);
            }
        }
    }

    /// <summary>The user proved its password: its failures are forgotten (the address's are not, or one valid account would reset it).</summary>
    public void RecordSuccess(string userId)
    {
        lock (_lock)
        {
            _users.Remove(userId);
        }
    }

    /// <summary>The refusal period after <paramref name="failures"/> failures: none below the free count, then doubling up to the cap.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures < _options.FreeFailures)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - _options.FreeFailures, 30);
        var delay = _options.FirstDelay * (1L << doublings);
        return delay < _options.MaxDelay ? delay : _options.MaxDelay;
    }

    /// <summary>The counting key of a client: its IPv4 address (IPv4-mapped IPv6 included), the /64 of an IPv6 address.</summary>
    public static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return UnknownAddress;
        }
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }
        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Fail(Entry entry, DateTimeOffset now)
    {
        entry.Failures++;
        entry.LastFailure = now;
        if (entry.Failures >= _options.FreeFailures)
        {
            entry.LockedUntil = now + DelayAfter(entry.Failures);
        }
    }

    // A refused attempt: answered after the current period, and the lock (from now) doubles, so it outlives the answer.
    private TimeSpan Escalate(Entry entry, DateTimeOffset now)
    {
        var current = DelayAfter(entry.Failures);
        Fail(entry, now);
        return current;
    }

    private Entry? Live(Dictionary<string, Entry> table, string key, DateTimeOffset now)
    {
        if (!table.TryGetValue(key, out var entry))
        {
            return null;
        }
        if (now - entry.LastFailure >= _options.QuietWindow)
        {
            table.Remove(key);
            return null;
        }
        return entry;
    }

    private Entry GetOrAdd(Dictionary<string, Entry> table, string key, DateTimeOffset now)
    {
        if (Live(table, key, now) is { } entry)
        {
            return entry;
        }
        if (table.Count >= _options.MaxEntries)
        {
            Evict(table, now);
        }
        entry = new Entry();
        table[key] = entry;
        return entry;
    }

    // Forgiven entries first; if the table is still full, the oldest eighth (a batch, so a spray costs one sort per many inserts).
    private void Evict(Dictionary<string, Entry> table, DateTimeOffset now)
    {
        foreach (var key in table.Where(p => now - p.Value.LastFailure >= _options.QuietWindow).Select(p => p.Key).ToList())
        {
            table.Remove(key);
        }
        if (table.Count < _options.MaxEntries)
        {
            return;
        }
        var batch = Math.Max(1, table.Count / 8);
        foreach (var key in table.OrderBy(p => p.Value.LastFailure).Take(batch).Select(p => p.Key).ToList())
        {
            table.Remove(key);
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }
        public DateTimeOffset LastFailure { get; set; }
        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>For a user: the addresses that failed for it, with their last failure.</summary>
        public Dictionary<string, DateTimeOffset> FailedFrom { get; } = new(StringComparer.Ordinal);
    }
}
