using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.Failover;

/// <summary>What the failover scenario measured: the rounds that completed and the plain-start baseline.</summary>
public sealed record FailoverRun(FailoverBenchOptions Options, IReadOnlyList<FailoverSample> Samples, Summary Baseline);
