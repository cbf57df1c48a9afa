using Cordouan.Core.Storage;
using Cordouan.Storage.Dir;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cordouan.Storage.Tests.Dir;

public sealed class DirStorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDirStorage_CalledTwice_OnePluginKeyedAndEnumerable()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddDirStorage().AddDirStorage();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var keyed = provider.GetRequiredKeyedService<IStoragePlugin>("dir");
        Assert.IsType<DirStoragePlugin>(keyed);
        Assert.Same(keyed, Assert.Single(provider.GetServices<IStoragePlugin>()));
    }
}
