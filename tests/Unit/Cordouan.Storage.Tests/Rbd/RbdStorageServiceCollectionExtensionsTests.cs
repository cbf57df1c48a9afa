using Cordouan.Core.Storage;
using Cordouan.Storage.Dir;
using Cordouan.Storage.Rbd;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

public sealed class RbdStorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRbdStorage_NextToDirAndCalledTwice_EachTypeOnceKeyedAndEnumerable()
    {
        var services = new ServiceCollection().AddLogging();
        var options = new RbdStorageOptions { ConfigDirectory = "/tmp/unused" };

        services.AddDirStorage().AddRbdStorage(options).AddRbdStorage(options);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var rbd = provider.GetRequiredKeyedService<IStoragePlugin>("rbd");
        Assert.IsType<RbdStoragePlugin>(rbd);
        Assert.IsAssignableFrom<IRbdVolumeSource>(rbd);
        Assert.Equal(["dir", "rbd"], provider.GetServices<IStoragePlugin>().Select(p => p.Type).Order());
        Assert.Contains(provider.GetServices<IStoragePlugin>(), p => ReferenceEquals(p, rbd));
    }
}
