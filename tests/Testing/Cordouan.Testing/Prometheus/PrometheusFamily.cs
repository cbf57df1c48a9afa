namespace Cordouan.Testing.Prometheus;

/// <summary>One parsed metric family: its declared type and help, and its samples in order.</summary>
public sealed record PrometheusFamily(string Name, string Type, string Help, IReadOnlyList<PrometheusSample> Samples);
