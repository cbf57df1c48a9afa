using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>The timed GET loop: <c>/cluster/resources</c>, the interleaved <c>/version</c> baseline, the last body size and the loop's duration.</summary>
public sealed record ResourceGets(Summary Resources, Summary Version, int BodyBytes, TimeSpan Elapsed);
