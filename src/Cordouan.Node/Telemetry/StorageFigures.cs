namespace Cordouan.Node.Telemetry;

/// <summary>One storage's usage as this node sees it.</summary>
public sealed record StorageFigures(string Storage, string Type, bool Active, long TotalBytes, long UsedBytes);
