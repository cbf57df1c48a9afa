namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// How long a node took to report the awaited <c>quorate</c> value, counted to the arrival of the first answer with it;
/// <see cref="Reached"/> false means it never did within the bound (<see cref="Elapsed"/> is then the bound).
/// </summary>
public sealed record QuorumTransition(TimeSpan Elapsed, bool Reached, int Polls, int TimedOut, int Failed);
