namespace Cordouan.Access.Tokens;

/// <summary>A new token: <c>full-tokenid</c>, <c>info</c>, and the secret <c>value</c>, which is shown only this once.</summary>
public sealed record CreatedToken(string FullTokenId, TokenInfo Info, string Value)
{
    /// <summary>Keeps the secret out of logs and debugger views.</summary>
    public override string ToString() => $"CreatedToken {{ FullTokenId = {FullTokenId} }}";
}
