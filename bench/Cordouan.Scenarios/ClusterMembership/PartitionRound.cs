namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// One isolate/heal round of the minority node. Quorum times count from the start of the lab call, an upper bound
/// (its <c>ip neigh</c> commands took <see cref="IsolateCommands"/> and <see cref="HealCommands"/>);
/// <see cref="OnlineOnFounder"/> is when the founding node listed the healed node online again, also from the heal.
/// </summary>
public sealed record PartitionRound(int Round, TimeSpan IsolateCommands, QuorumTransition Lost, TimeSpan HealCommands, QuorumTransition Regained, TimeSpan OnlineOnFounder);
