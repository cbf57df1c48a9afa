namespace Cordouan.Node.Ha.Guard;

/// <summary>
/// Where this node's fence guard listens and logs, the program that runs it (cordouand itself), and the watchdog
/// device it feeds (null: none).
/// </summary>
public sealed record FenceGuardOptions(string SocketPath, string LogPath, string Executable, string? Watchdog = null);
