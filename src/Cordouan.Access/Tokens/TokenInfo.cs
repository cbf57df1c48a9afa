namespace Cordouan.Access.Tokens;

/// <summary>An API token as the API lists it (PVE's <c>tokenid</c>, <c>comment</c>, <c>expire</c>, <c>privsep</c>).</summary>
public sealed record TokenInfo(string TokenId, string? Comment, long Expire, bool PrivilegeSeparation);
