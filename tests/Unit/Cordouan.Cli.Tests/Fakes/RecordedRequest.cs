namespace Cordouan.Cli.Tests.Fakes;

/// <summary>What the fake daemon saw of one request.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    string? ContentType,
    string? Cookie,
    string? CsrfToken,
    string? Authorization,
    Version ProtocolVersion)
{
    public string? QueryValue(string name) => Query.FirstOrDefault(q => q.Key == name).Value;

    public string? FormValue(string name) => Form.FirstOrDefault(f => f.Key == name).Value;
}
