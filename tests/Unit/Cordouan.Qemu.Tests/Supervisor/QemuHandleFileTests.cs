using Cordouan.Qemu.Supervisor;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Qemu.Tests.Supervisor;

public sealed class QemuHandleFileTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly QemuHandle Handle = new()
    {
        VmId = 100,
        Pid = 4242,
        ProcessStartTicks = 987654,
        StartedAt = DateTimeOffset.Parse("2025-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
        ArgvHash = QemuHandleFile.HashArgv(["qemu-system-x86_64", "-name", "a"]),
    };

    [Fact]
    public async Task WriteAsync_ThenTryReadAsync_RoundTripsWithSchemaVersion()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("handle.json");

        await QemuHandleFile.WriteAsync(path, Handle, Token);

        Assert.Equal(Handle, await QemuHandleFile.TryReadAsync(path, Token));
        Assert.Contains("\"schemaVersion\": 1", await File.ReadAllTextAsync(path, Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 2, \"vmId\": 100, \"pid\": 1, \"processStartTicks\": 1, \"startedAt\": \"2025-01-01T00:00:00Z\", \"argvHash\": \"x\"}")]
    [InlineData("{\"vmId\": ")]
    public async Task TryReadAsync_NewerSchemaOrTorn_ReturnsNull(string content)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("handle.json");
        await File.WriteAllTextAsync(path, content, Token);

        Assert.Null(await QemuHandleFile.TryReadAsync(path, Token));
    }

    [Fact]
    public void HashArgv_ArgumentBoundariesMatter()
    {
        Assert.NotEqual(QemuHandleFile.HashArgv(["a b", "c"]), QemuHandleFile.HashArgv(["a", "b c"]));
    }
}
