using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cordouan.Qemu.Tests;

public sealed class QemuServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddQemuDriver_ValidOptions_ResolvesOneDriverAsIVmDriver()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<Core.Network.IHostNetwork, NoBridgesHostNetwork>();

        services.AddQemuDriver(new QemuOptions { RunDirectory = "/run/cordouan/qemu-test" });
        await using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<QemuVmDriver>(), provider.GetRequiredService<IVmDriver>());
    }

    [Fact]
    public void AddQemuDriver_InvalidOptions_ReportsEveryField()
    {
        var options = new QemuOptions { RunDirectory = "relative", QemuBinary = "", StartTimeout = TimeSpan.Zero };

        var error = Assert.Throws<ValidationException>(() => new ServiceCollection().AddQemuDriver(options));

        Assert.Equal(["QemuBinary", "RunDirectory", "StartTimeout"], error.Errors.Keys.Order());
    }
}
