namespace Cordouan.Testing.Prometheus;

/// <summary>One parsed sample line.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
