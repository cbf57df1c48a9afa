namespace Cordouan.Client.Credentials;

/// <summary>An API token, <c>user@realm!tokenid=secret</c>, sent as <c>Authorization: PVEAPIToken=…</c>; needs no CSRF token.</summary>
public sealed record ApiTokenCredentials : CordouanCredentials
{
    public ApiTokenCredentials(string token)
    {
        // user@realm!tokenid=secret: a realm before the '!', a token id after it, a non-empty secret after the last '='.
        var at = token.IndexOf('@', StringComparison.Ordinal);
        var bang = token.IndexOf('!', StringComparison.Ordinal);
        var separator = token.LastIndexOf('=');
        var wellFormed = at > 0 && bang > at + 1 && separator > bang + 1 && separator < token.Length - 1;
        if (!wellFormed)
        {
            throw new FormatException("An API token must look like 'user@realm!tokenid=secret'.");
        }
        Token = token;
        TokenId = token[..separator];
    }

    /// <summary>The full token including its secret.</summary>
    public string Token { get; }

    /// <summary><c>user@realm!tokenid</c>, without the secret.</summary>
    public string TokenId { get; }

    public override string Principal => TokenId;

    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"ApiTokenCredentials {{ TokenId = {TokenId} }}";
}
