using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>
/// The daemon's librados connections, one per client (conf, keyring, user), created lazily on first use and shared by
/// every call. A connection is rebuilt when the client files change (another monhost or key) or after a failure that
/// leaves it suspect (<see cref="RbdErrno.BreaksConnection"/>); a failed connect is not kept, so the next call retries.
/// Disposed (every connection shut down) when the daemon stops.
/// </summary>
public sealed class RbdClients(RbdStorageOptions options) : IDisposable
{
    private readonly Dictionary<RbdConnection, Entry> _clients = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>How many connections were started (tests check that one connection serves many calls).</summary>
    internal int Connects { get; private set; }

    /// <summary>
    /// Runs <paramref name="call"/> on this client's connection, on the thread pool: librbd calls block until the
    /// cluster answers, and a request thread must not wait on them.
    /// </summary>
    internal async Task<T> RunAsync<T>(RbdConnection connection, Func<RbdClient, T> call, CancellationToken cancellationToken)
    {
        var fingerprint = await FingerprintAsync(connection, cancellationToken);
        var entry = EntryFor(connection, fingerprint);
        RbdClient client;
        try
        {
            client = await entry.Client.WaitAsync(cancellationToken);
        }
        catch (RbdNativeException)
        {
            Forget(connection, entry);
            throw;
        }
        try
        {
            return await Task.Run(() => call(client), CancellationToken.None);
        }
        catch (RbdNativeException e) when (RbdErrno.BreaksConnection(e.Errno))
        {
            if (Forget(connection, entry))
            {
                client.Dispose();
            }
            throw;
        }
    }

    internal Task RunAsync(RbdConnection connection, Action<RbdClient> call, CancellationToken cancellationToken) =>
        RunAsync(connection, c =>
        {
            call(c);
            return true;
        }, cancellationToken);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _clients.Values)
            {
                Close(entry);
            }
            _clients.Clear();
        }
    }

    /// <summary>The live connection of this client, or a new one (connecting on the thread pool) when there is none or its files changed.</summary>
    private Entry EntryFor(RbdConnection connection, string fingerprint)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_clients.TryGetValue(connection, out var known) && known.Fingerprint == fingerprint && !known.Client.IsFaulted)
            {
                return known;
            }
            if (known is not null)
            {
                Close(known);
            }
            Connects++;
            var entry = new Entry(fingerprint, Task.Run(() => RbdClient.Connect(connection, options.ConnectTimeout)));
            _clients[connection] = entry;
            return entry;
        }
    }

    /// <summary>Drops <paramref name="entry"/> if it is still this client's connection; false when another call already replaced it.</summary>
    private bool Forget(RbdConnection connection, Entry entry)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(connection, out var known) && ReferenceEquals(known, entry) && _clients.Remove(connection);
        }
    }

    // Calls still running on the connection keep its handles alive (SafeHandle reference counts) until they return.
    private static void Close(Entry entry)
    {
        entry.Client.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>A digest of the client files, so an edited monhost or key gets a new connection (both files are a few hundred bytes).</summary>
    private static async Task<string> FingerprintAsync(RbdConnection connection, CancellationToken cancellationToken)
    {
        var conf = await File.ReadAllTextAsync(connection.ConfPath, cancellationToken);
        var keyring = await File.ReadAllTextAsync(connection.KeyringPath, cancellationToken);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conf + "\0" + keyring)));
    }

    private sealed record Entry(string Fingerprint, Task<RbdClient> Client);
}
