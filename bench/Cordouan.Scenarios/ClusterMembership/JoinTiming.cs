namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// One join, every time counted from the <c>POST /cluster/config/join</c> on the joining node: its task <c>OK</c>, then
/// the node <c>online</c> in the founding node's <c>/cluster/status</c> (polled after the task, so it is the total).
/// <see cref="Outage"/> holds the windows in which the joining node's API gave no answer (services restarting).
/// </summary>
public sealed record JoinTiming(string Node, TimeSpan TaskOk, TimeSpan Online, ApiOutage Outage)
{
    public TimeSpan Total => Online > TaskOk ? Online : TaskOk;
}
