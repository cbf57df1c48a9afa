using System.Net;
using Cordouan.Platform.Processes;

namespace Cordouan.Testing.Netns;

/// <summary>
/// A "machine" of a <see cref="NetnsLab"/>: its own network namespace with <c>lo</c> and one <c>eth0</c> on the lab
/// switch at <see cref="Address"/>. Processes see the host's file system; only the network is private.
/// </summary>
public sealed class LabHost
{
    internal LabHost(string name, string ns, IPAddress address)
    {
        Name = name;
        Namespace = ns;
        Address = address;
        Endpoint = new LabEndpoint(ns, "eth0", address);
    }

    /// <summary>The name given to <see cref="NetnsLab.AddHostAsync"/>.</summary>
    public string Name { get; }

    /// <summary>The network namespace, <c>cordlab-&lt;lab&gt;-&lt;name&gt;</c>.</summary>
    public string Namespace { get; }

    /// <summary>The address of <c>eth0</c> (.1, .2, … of the lab's /24); the test process reaches it directly.</summary>
    public IPAddress Address { get; }

    internal LabEndpoint Endpoint { get; }

    /// <summary>
    /// <paramref name="argv"/> run inside this host: <c>ip netns exec &lt;ns&gt; argv…</c>. <c>ip</c> execs the target,
    /// so the pid of the started process is the target's own pid.
    /// </summary>
    public string[] Command(params string[] argv) => ["ip", "netns", "exec", Namespace, .. argv];

    /// <summary>Runs a short command inside this host and throws on a non-zero exit.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        new ProcessRunner().RunCheckedAsync(Command([.. argv]), cancellationToken);

    /// <summary>Pids of every process inside this host's namespace.</summary>
    public Task<IReadOnlyList<int>> ProcessIdsAsync(CancellationToken cancellationToken) => IpTool.PidsAsync(Namespace, cancellationToken);

    /// <summary>SIGKILLs every process inside this host's namespace and waits (bounded) until none is left.</summary>
    public Task KillProcessesAsync(CancellationToken cancellationToken) => IpTool.KillProcessesAsync(Namespace, cancellationToken);

    public override string ToString() => $"{Name} ({Address} in {Namespace})";
}
