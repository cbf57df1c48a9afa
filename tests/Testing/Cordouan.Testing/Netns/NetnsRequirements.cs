using Xunit;

namespace Cordouan.Testing.Netns;

/// <summary>
/// Guard for tests that build a <see cref="NetnsLab"/>: root and iproute2 are needed. Locally a missing piece skips
/// the test with the reason; under CI=true it fails, like <see cref="Requirements"/>.
/// </summary>
public static class NetnsRequirements
{
    /// <summary>Requires root, <c>ip</c> (iproute2) and a writable <c>/run/netns</c>.</summary>
    public static void NetworkNamespaces()
    {
        Requirements.Program("ip", "apt-get install iproute2");
        if (!Environment.IsPrivilegedProcess)
        {
            Fail($"network namespaces need root (running as '{Environment.UserName}')");
        }
        if (!Directory.Exists("/proc/self/ns") || !File.Exists("/proc/self/ns/net"))
        {
            Fail("the kernel has no network namespaces (/proc/self/ns/net is missing)");
        }
    }

    private static void Fail(string reason)
    {
        if (Requirements.InCi)
        {
            Assert.Fail(reason + "; CI=true forbids skipping");
        }
        Assert.Skip(reason);
    }
}
