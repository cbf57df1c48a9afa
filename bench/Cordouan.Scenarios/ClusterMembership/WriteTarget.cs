using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>One series of config writes: the client that sends them and the VM config path it writes.</summary>
public sealed record WriteTarget(string Label, PveHttp Api, string ConfigPath);
