namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>What a live migration will do: the ownership switch of <see cref="Plan"/>, after mirroring <see cref="Mirrors"/>.</summary>
public sealed record LivePlan(MigrationPlan Plan, IReadOnlyList<LiveMirror> Mirrors, Core.Vms.Migration.MigrationSettings Settings);
