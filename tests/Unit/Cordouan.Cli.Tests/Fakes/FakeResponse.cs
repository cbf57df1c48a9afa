using System.Text.Json;

namespace Cordouan.Cli.Tests.Fakes;

/// <summary>A canned answer of the fake daemon.</summary>
public sealed record FakeResponse(int Status, string Body, string? Reason = null)
{
    /// <summary><c>200 {"data": json}</c>.</summary>
    public static FakeResponse Data(string json) => new(200, $"{{\"data\":{json}}}");

    /// <summary>A PVE error: reason phrase and body <c>message</c> (plus <c>errors</c> when given).</summary>
    public static FakeResponse Error(int status, string message, string? errorsJson = null) =>
        new(status,
            errorsJson is null
                ? $"{{\"data\":null,\"message\":{JsonSerializer.Serialize(message + "\n", FakeJsonContext.Default.String)}}}"
                : $"{{\"data\":null,\"message\":{JsonSerializer.Serialize(message + "\n", FakeJsonContext.Default.String)},\"errors\":{errorsJson}}}",
            message);
}
