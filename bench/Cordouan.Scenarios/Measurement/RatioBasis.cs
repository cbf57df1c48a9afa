namespace Cordouan.Scenarios.Measurement;

/// <summary>Which statistic a ratio or a goal compares.</summary>
public enum RatioBasis
{
    Median,
    P95,
    P99,
    Max,
}
