namespace Cordouan.Api.Metrics;

/// <summary>One instrument's totals so far (values in seconds where the instrument counts milliseconds).</summary>
public sealed record AggregatedInstrument(string Name, string? Unit, string Description, AggregatedKind Kind, IReadOnlyList<AggregatedSeries> Series);
