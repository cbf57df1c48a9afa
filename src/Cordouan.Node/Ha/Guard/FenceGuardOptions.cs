namespace Cordouan.Node.Ha.Guard;

/// <summary>Where this node's fence guard listens and logs, and the program that runs it (cordouand itself).</summary>
public sealed record FenceGuardOptions(string SocketPath, string LogPath, string Executable);
