using Cordouan.Node.Guests;
using Xunit;

namespace Cordouan.Node.Tests.Guests;

public sealed class BootMarkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bootmarker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private BootMarker Marker(string bootId)
    {
        var bootIdFile = Path.Combine(_dir, "boot_id");
        File.WriteAllText(bootIdFile, bootId + "\n");
        return new BootMarker(Path.Combine(_dir, "run", "onboot-started"), bootIdFile);
    }

    [Fact]
    public async Task ClaimBootAsync_FirstStartThenRestart_OnlyFirstClaims()
    {
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await Marker("boot-1").ClaimBootAsync(ct));
        Assert.False(await Marker("boot-1").ClaimBootAsync(ct));
    }

    [Fact]
    public async Task ClaimBootAsync_MarkerCleared_ClaimsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Marker("boot-1");
        await marker.ClaimBootAsync(ct);

        File.Delete(marker.Path);

        Assert.True(await marker.ClaimBootAsync(ct));
    }

    [Fact]
    public async Task ClaimBootAsync_OtherBootId_ClaimsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await Marker("boot-1").ClaimBootAsync(ct);

        Assert.True(await Marker("boot-2").ClaimBootAsync(ct));
        Assert.False(await Marker("boot-2").ClaimBootAsync(ct));
    }
}
