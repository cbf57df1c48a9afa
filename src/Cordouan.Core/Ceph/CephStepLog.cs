namespace Cordouan.Core.Ceph;

/// <summary>Where a Ceph operation reports its steps (a task log): plain lines and warnings.</summary>
public sealed record CephStepLog(Action<string> Info, Action<string> Warn)
{
    /// <summary>Drops every line (synchronous calls without a task).</summary>
    public static CephStepLog None { get; } = new(_ => { }, _ => { });
}
