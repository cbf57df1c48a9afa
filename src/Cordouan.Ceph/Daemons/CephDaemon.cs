namespace Cordouan.Ceph.Daemons;

/// <summary>One Ceph daemon of this node: its type (<c>mon</c>, <c>mgr</c>, <c>osd</c>) and id.</summary>
public readonly record struct CephDaemon(string Type, string Id)
{
    /// <summary>Ceph's name for it (<c>osd.0</c>).</summary>
    public string Name => $"{Type}.{Id}";

    public string Program => "ceph-" + Type;

    public override string ToString() => Name;
}
