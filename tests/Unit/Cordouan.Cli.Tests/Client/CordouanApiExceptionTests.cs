using Cordouan.Client.Errors;
using Xunit;

namespace Cordouan.Cli.Tests.Client;

public sealed class CordouanApiExceptionTests
{
    [Fact]
    public void FromResponse_ParameterVerificationBody_FormatsStatusMessageAndFieldError()
    {
        const string body = """{"data":null,"message":"Parameter verification failed.\n","errors":{"memory":"value must have a minimum value of 16"}}""";

        var exception = CordouanApiException.FromResponse(400, "Parameter verification failed.", body);

        Assert.Equal("400 Parameter verification failed: memory: value must have a minimum value of 16", exception.Message);
        Assert.Equal(400, exception.StatusCode);
        Assert.Equal("Parameter verification failed.", exception.ApiMessage);
        Assert.Equal("value must have a minimum value of 16", exception.Errors["memory"]);
    }

    [Fact]
    public void FromResponse_SeveralFieldErrors_SortsThemAndJoinsMultiLineTexts()
    {
        const string body = """{"data":null,"message":"Parameter verification failed.\n","errors":{"vmid":"property is missing and it is not optional","cores":"type check ('integer') failed - got 'x'\nvalue must have a minimum value of 1"}}""";

        var exception = CordouanApiException.FromResponse(400, null, body);

        Assert.Equal(
            "400 Parameter verification failed: cores: type check ('integer') failed - got 'x'; value must have a minimum value of 1; vmid: property is missing and it is not optional",
            exception.Message);
    }

    [Fact]
    public void FromResponse_ServerErrorMessage_UsesFirstLineOfBodyMessage()
    {
        var exception = CordouanApiException.FromResponse(500, "VM 100 not running", """{"data":null,"message":"VM 100 not running\n"}""");

        Assert.Equal("500 VM 100 not running", exception.Message);
        Assert.Empty(exception.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>nope</html>")]
    public void FromResponse_NoJsonBody_FallsBackToReasonPhrase(string body)
    {
        var exception = CordouanApiException.FromResponse(401, "No ticket", body);

        Assert.Equal("401 No ticket", exception.Message);
    }

    [Fact]
    public void FromResponse_NothingAtAll_NamesTheStatus()
    {
        Assert.Equal("502 HTTP error 502", CordouanApiException.FromResponse(502, null, null).Message);
    }
}
