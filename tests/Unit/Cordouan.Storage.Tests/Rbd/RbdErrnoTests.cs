using Cordouan.Core.Errors;
using Cordouan.Storage.Rbd;
using Cordouan.Storage.Rbd.Native;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>How librados/librbd return codes become messages and connection decisions.</summary>
public sealed class RbdErrnoTests
{
    [Theory]
    [InlineData(-17, "volume already exists (EEXIST)")]
    [InlineData(-2, "volume or snapshot does not exist (ENOENT)")]
    [InlineData(-16, "volume is busy: in use or has dependent clones (EBUSY)")]
    [InlineData(-110, "the Ceph cluster did not answer in time (ETIMEDOUT)")]
    [InlineData(-108, "this client was cut off from the Ceph cluster (ESHUTDOWN, blocklisted)")]
    [InlineData(-13, "permission denied by the Ceph cluster (EACCES)")]
    [InlineData(-95, "error 95")]
    public void Describe_NegativeErrno_NamesTheMeaning(int result, string expected) => Assert.Equal(expected, RbdErrno.Describe(result));

    [Fact]
    public void RbdNativeException_NegativeResult_KeepsThePositiveErrnoAndNamesTheCall()
    {
        var error = new RbdNativeException("rbd_clone3", -17);

        Assert.Equal(RbdCommands.Errno.Exists, error.Errno);
        Assert.Equal("rbd_clone3: volume already exists (EEXIST)", error.Message);
        Assert.IsAssignableFrom<CordouanException>(error);
    }

    [Theory]
    [InlineData(110, true)]
    [InlineData(108, true)]
    [InlineData(107, true)]
    [InlineData(111, true)]
    [InlineData(17, false)]
    [InlineData(2, false)]
    [InlineData(16, false)]
    public void BreaksConnection_OnlyForFailuresOfTheConnectionItself(int errno, bool expected) => Assert.Equal(expected, RbdErrno.BreaksConnection(errno));
}
