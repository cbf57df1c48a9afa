using Cordouan.Access;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Auth;

/// <summary>Where the authentication middleware leaves the caller for the endpoints.</summary>
public static class HttpContextCallerExtensions
{
    private const string Key = "cordouan.caller";

    public static void SetCaller(this HttpContext context, AccessIdentity caller) => context.Items[Key] = caller;

    /// <summary>The authenticated caller, or null on the anonymous routes (login, version, realm list).</summary>
    public static AccessIdentity? FindCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as AccessIdentity : null;

    /// <summary>The authenticated caller; endpoints only run after authentication, so absence is a bug.</summary>
    public static AccessIdentity GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is AccessIdentity caller
            ? caller
            : throw new InvalidOperationException("request reached an endpoint without authentication");
}
