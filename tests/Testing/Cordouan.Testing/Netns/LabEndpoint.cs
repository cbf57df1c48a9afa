using System.Net;

namespace Cordouan.Testing.Netns;

/// <summary>One end of the lab's switch: a host namespace, or the test process itself (<see cref="Namespace"/> null).</summary>
internal sealed record LabEndpoint(string? Namespace, string Device, IPAddress Address)
{
    /// <summary><c>ip</c> arguments that target this endpoint's namespace.</summary>
    public string[] Ip(params string[] args) => Namespace is null ? args : ["-n", Namespace, .. args];
}
