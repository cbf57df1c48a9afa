using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms;
using Xunit;

namespace Cordouan.Node.Tests.Vms;

public sealed class VmOperationLocksTests
{
    [Fact]
    public void Enter_WhileHeld_LoserGetsHoldersOperation()
    {
        var locks = new VmOperationLocks();
        using (locks.Enter(new VmId(100), "qmstart"))
        {
            var e = Assert.Throws<VmLockedException>(() => locks.Enter(new VmId(100), "qmstop"));
            Assert.Equal("VM is locked (qmstart)", e.Message);
            using (locks.Enter(new VmId(101), "qmstop"))
            {
                // Another VM is independent.
            }
        }
        using (locks.Enter(new VmId(100), "qmstop"))
        {
            // Released after dispose.
        }
    }

    [Fact]
    public void Dispose_Twice_DoesNotReleaseANewHolder()
    {
        var locks = new VmOperationLocks();
        var first = locks.Enter(new VmId(100), "a");
        first.Dispose();
        using var second = locks.Enter(new VmId(100), "b");
        first.Dispose();
        Assert.Throws<VmLockedException>(() => locks.Enter(new VmId(100), "c"));
    }
}
