namespace Cordouan.Scenarios.StartOverhead;

/// <summary>A QMP event and QEMU's own timestamp of it (host wall clock, microseconds), comparable between QEMUs of one machine.</summary>
public sealed record QmpEvent(string Name, DateTimeOffset Timestamp);
