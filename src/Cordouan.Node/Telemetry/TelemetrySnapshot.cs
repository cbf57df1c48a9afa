namespace Cordouan.Node.Telemetry;

/// <summary>What the collector read last: this node's figures, its VMs' and its storages'.</summary>
public sealed record TelemetrySnapshot(
    DateTimeOffset Time,
    IReadOnlyDictionary<string, double> Node,
    IReadOnlyList<VmFigures> Vms,
    IReadOnlyList<StorageFigures> Storages);
