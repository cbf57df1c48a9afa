namespace Cordouan.Ceph;

/// <summary>Who keeps this node's Ceph daemons running (<c>--ceph-service-manager</c>).</summary>
public enum CephServiceManager
{
    /// <summary>Systemd when it is PID 1 (<see cref="CephServiceManagers.SystemdBooted"/>), else cordouand.</summary>
    Auto,

    /// <summary>Ceph's own units (<c>ceph-mon@ID</c>, …) and Ceph's standard layout (/etc/ceph, /var/lib/ceph).</summary>
    Systemd,

    /// <summary>cordouand's supervisor, daemon data under cordouand's data dir.</summary>
    Cordouand,
}
