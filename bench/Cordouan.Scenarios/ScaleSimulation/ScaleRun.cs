namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>Everything one scale simulation measured, before it becomes result rows.</summary>
/// <param name="Nodes">Simulated nodes plus the real one.</param>
/// <param name="DocumentBytes">Keys and values under <c>/cordouan/v1/</c> at the end.</param>
public sealed record ScaleRun(
    ClusterListing Listing,
    int Nodes,
    int LeaseLosses,
    TimeSpan WriteTime,
    TimeSpan SettleTime,
    ResourceGets Gets,
    IdleWrites Idle,
    Footprint Before,
    Footprint After,
    long DocumentBytes);
