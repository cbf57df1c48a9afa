using System.Security.Cryptography;
using Cordouan.Node.Vms.Migration;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Migration;

public sealed class TransferStreamTests
{
    [Fact]
    public async Task ReadAsync_ToTheEnd_CountsAndHashesEverything()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(6).NextBytes(data);
        await using var stream = new TransferStream(new MemoryStream(data), limiter: null, TimeProvider.System);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(data.Length, stream.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), stream.Sha256);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Sha256_BeforeTheEnd_Throws()
    {
        await using var stream = new TransferStream(new MemoryStream(new byte[10]), limiter: null, TimeProvider.System);
        await stream.ReadExactlyAsync(new byte[4], TestContext.Current.CancellationToken);
        Assert.Throws<InvalidOperationException>(() => stream.Sha256);
    }

    [Fact]
    public void Read_Synchronously_NotSupported()
    {
        using var stream = new TransferStream(new MemoryStream(new byte[10]), limiter: null, TimeProvider.System);
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[4], 0, 4));
    }
}
