namespace Cordouan.Api.Web;

/// <summary>Where the built SPA (<c>web/dist</c>: index.html, assets/) lives; cordouand serves it at <c>/</c>.</summary>
public sealed record WebUiOptions(string Root)
{
    public string IndexPath => Path.Combine(Root, "index.html");
}
