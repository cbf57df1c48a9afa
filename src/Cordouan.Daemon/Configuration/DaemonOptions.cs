using Cordouan.Core.Vms;

namespace Cordouan.Daemon.Configuration;

/// <summary>
/// Settings of one cordouand. Every value has a default that works with no config at all; a throwaway node only needs
/// <c>--data-dir</c> (everything then lives under it).
/// </summary>
public sealed record DaemonOptions
{
    public string NodeName { get; init; } = Environment.MachineName.Split('.')[0];
    public string ClusterName { get; init; } = "cordouan";
    public string DataDirectory { get; init; } = "/var/lib/cordouan";
    /// <summary>Run files (QEMU sockets, pidfiles); defaults to /run/cordouan, or DATA/run in --data-dir mode.</summary>
    public string? RunDirectory { get; init; }
    /// <summary>API listen address, <c>ADDR[:PORT]</c>; port 8006 when omitted.</summary>
    public string Listen { get; init; } = "0.0.0.0:8006";
    public string? AdminPasswordFile { get; init; }
    public Accelerator Accelerator { get; init; } = Accelerator.Auto;
    /// <summary>External etcd endpoints; empty = run and supervise a local etcd member.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];
    public string EtcdClientUrl { get; init; } = "http://127.0.0.1:2379";
    public string EtcdPeerUrl { get; init; } = "http://127.0.0.1:2380";
    public string EtcdBinary { get; init; } = "etcd";
    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    public string EffectiveRunDirectory => RunDirectory ?? Path.Combine(DataDirectory, "run");

    public (string Host, int Port) ListenEndpoint
    {
        get
        {
            var text = Listen;
            var colon = text.LastIndexOf(':');
            if (colon > 0 && !text.EndsWith(']') && int.TryParse(text[(colon + 1)..], out var port))
            {
                return (text[..colon].Trim('[', ']'), port);
            }
            return (text.Trim('[', ']'), 8006);
        }
    }
}
