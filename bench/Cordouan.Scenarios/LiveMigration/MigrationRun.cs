namespace Cordouan.Scenarios.LiveMigration;

/// <summary>What one run of the live-migration scenario measured; a Cordouan or libvirt series is null when it failed.</summary>
public sealed record MigrationRun(
    MigrationBenchOptions Options,
    IReadOnlyList<MigrationSample>? Shared,
    IReadOnlyList<MigrationSample> Bare,
    IReadOnlyList<MigrationSample>? Libvirt,
    IReadOnlyList<MigrationSample>? Local);
