namespace Cordouan.Api.Schema;

/// <summary>A concrete request path matched to its method, with the values of the template's <c>{param}</c> segments.</summary>
public sealed record ApiMethodMatch(ApiMethod Method, IReadOnlyDictionary<string, string> PathParameters);
