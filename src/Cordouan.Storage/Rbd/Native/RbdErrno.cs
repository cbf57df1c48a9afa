namespace Cordouan.Storage.Rbd.Native;

/// <summary>
/// Linux errno values librados/librbd return (negated) and the words we report them with. The same numbers as the
/// <c>rbd</c> CLI's exit codes (<see cref="RbdCommands.Errno"/>), so the plugin tells failures apart one way for both.
/// </summary>
public static class RbdErrno
{
    public const int Permission = 1;
    public const int NotFound = 2;
    public const int Io = 5;
    public const int Access = 13;
    public const int Busy = 16;
    public const int Exists = 17;
    public const int Invalid = 22;
    public const int Range = 34;
    public const int NotEmpty = 39;
    public const int NotConnected = 107;
    public const int Shutdown = 108;
    public const int TimedOut = 110;
    public const int ConnectionRefused = 111;

    /// <summary>What the errno means for a volume operation, e.g. EEXIST → "volume already exists" (pure; unit tested).</summary>
    public static string Describe(int errno) => Math.Abs(errno) switch
    {
        Permission or Access => "permission denied by the Ceph cluster (EACCES)",
        NotFound => "volume or snapshot does not exist (ENOENT)",
        Io => "I/O error (EIO)",
        Busy => "volume is busy: in use or has dependent clones (EBUSY)",
        Exists => "volume already exists (EEXIST)",
        Invalid => "invalid argument (EINVAL)",
        NotEmpty => "volume has snapshots (ENOTEMPTY)",
        NotConnected => "not connected to the Ceph cluster (ENOTCONN)",
        Shutdown => "this client was cut off from the Ceph cluster (ESHUTDOWN, blocklisted)",
        TimedOut => "the Ceph cluster did not answer in time (ETIMEDOUT)",
        ConnectionRefused => "the Ceph monitors refused the connection (ECONNREFUSED)",
        var other => $"error {other}",
    };

    /// <summary>
    /// Failures after which the connection itself is suspect (a timeout, a cut-off client), so the next call builds a
    /// new one rather than reusing it.
    /// </summary>
    public static bool BreaksConnection(int errno) => Math.Abs(errno) is NotConnected or Shutdown or TimedOut or ConnectionRefused;
}
