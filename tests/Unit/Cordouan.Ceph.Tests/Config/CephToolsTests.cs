using Cordouan.Ceph.Config;
using Cordouan.Core.Errors;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Ceph.Tests.Config;

public sealed class CephToolsTests
{
    [Fact]
    public void EnsureInstalled_NoCephBinaries_NamesEveryMissingPackageAndTheFix()
    {
        using var empty = new TempDirectory("ceph-bin");
        var tools = new CephTools(new CephOptions { NodeName = "pve1", DataDirectory = empty.Path, RunDirectory = empty.Path, BinaryDirectory = empty.Path }, new ProcessRunner());

        var error = Assert.Throws<CordouanException>(tools.EnsureInstalled);

        Assert.Contains("node 'pve1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ceph-common, ceph-base, ceph-mon, ceph-mgr, ceph-osd", error.Message, StringComparison.Ordinal);
        Assert.Contains("make deps", error.Message, StringComparison.Ordinal);
    }
}
