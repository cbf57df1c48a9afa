using Cordouan.Api.Http;
using Xunit;

namespace Cordouan.Node.Tests.Api;

public sealed class ConfigJsonTests
{
    [Fact]
    public void ToJson_TypesLikeProxmox_BooleansAndIntegersAsNumbersRestAsStrings()
    {
        var json = ConfigJson.ToJson(new Dictionary<string, string>
        {
            ["cores"] = "2",
            ["onboot"] = "1",
            ["memory"] = "512",
            ["cpulimit"] = "1.5",
            ["name"] = "vm",
            ["cipassword"] = "secret",
        }).ToJsonString();
        Assert.Equal("""{"cipassword":"**********","cores":2,"cpulimit":"1.5","memory":"512","name":"vm","onboot":1}""", json);
    }
}
