using Cordouan.Api.Endpoints.Storage;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Storage;

public sealed class StorageDefinitionReaderTests
{
    private static async Task<ParamReader> ReaderAsync(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return new ParamReader(await PveParameters.ReadAsync(context.Request, CancellationToken.None));
    }

    [Fact]
    public async Task Rbd_Defaults_PoolRbdContentImagesLocalCluster()
    {
        var reader = await ReaderAsync("");

        var storage = StorageDefinitionReader.Rbd(reader, "ceph");
        reader.Validate();

        Assert.Equal(("rbd", "rbd", false), (storage.Type, storage.Pool, storage.Krbd));
        Assert.Equal(["images"], storage.Content);
        Assert.Null(storage.MonHost);
        Assert.Null(storage.Keyring);
        Assert.Null(storage.Path);
    }

    [Fact]
    public async Task Rbd_ExternalCluster_KeepsMonhostUserAndKeyring()
    {
        var keyring = Uri.EscapeDataString("[client.vms]\n\tkey = AQBz\n");
        var reader = await ReaderAsync($"?pool=vms&monhost=10.0.0.1%2010.0.0.2:6789%3B[fd00::1]&username=vms&keyring={keyring}&content=images,rootdir&nodes=a,b&disable=1");

        var storage = StorageDefinitionReader.Rbd(reader, "ext");
        reader.Validate();

        Assert.Equal(("vms", "10.0.0.1 10.0.0.2:6789;[fd00::1]", "vms"), (storage.Pool, storage.MonHost, storage.Username));
        Assert.Equal("[client.vms]\n\tkey = AQBz\n", storage.Keyring);
        Assert.Equal(["images", "rootdir"], storage.Content);
        Assert.Equal(["a", "b"], storage.Nodes);
        Assert.True(storage.Disabled);
    }

    [Fact]
    public async Task Rbd_BadAndUnsupportedOptions_EveryFieldReported()
    {
        var reader = await ReaderAsync("?pool=bad/pool&monhost=10.0.0.1%20not%20a%20host!&username=a%20b&krbd=1&content=iso&namespace=ns&data-pool=ec&bwlimit=100");

        StorageDefinitionReader.Rbd(reader, "x");
        var error = Assert.Throws<ValidationException>(reader.Validate);

        Assert.Equal(["bwlimit", "content", "data-pool", "keyring", "krbd", "monhost", "namespace", "pool", "username"], error.Errors.Keys.Order());
        Assert.Contains("not supported yet", error.Errors["krbd"], StringComparison.Ordinal);
        Assert.Contains("needs the client's keyring", error.Errors["keyring"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rbd_KeyringOrOtherUserWithoutMonhost_Refused()
    {
        var reader = await ReaderAsync("?keyring=x&username=vms");

        StorageDefinitionReader.Rbd(reader, "x");
        var error = Assert.Throws<ValidationException>(reader.Validate);

        Assert.Contains("only used with monhost", error.Errors["keyring"], StringComparison.Ordinal);
        Assert.Contains("only 'admin'", error.Errors["username"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dir_RbdOptions_NotInItsSchema()
    {
        var reader = await ReaderAsync("?path=/srv/images&pool=vms");

        var storage = StorageDefinitionReader.Dir(reader, "extra");
        var error = Assert.Throws<ValidationException>(reader.Validate);

        Assert.Equal("/srv/images", storage.Path);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", error.Errors["pool"]);
    }

    [Theory]
    [InlineData("vms", true)]
    [InlineData("ceph-vm.1", true)]
    [InlineData("9pool", false)]
    [InlineData("vms-", false)]
    [InlineData("v", false)]
    public void IsValidStorageId_ProxmoxFormat(string id, bool valid)
    {
        Assert.Equal(valid, StorageDefinitionReader.IsValidStorageId(id));
    }
}
