namespace Cordouan.Client;

/// <summary>Turns what users type (<c>host</c>, <c>host:port</c>, <c>https://host:8006/api2/json</c>) into the daemon's base URI.</summary>
public static class ServerAddress
{
    /// <summary>The PVE API port.</summary>
    public const int DefaultPort = 8006;

    /// <summary>Normalises to <c>scheme://host:port/</c>; https and port 8006 unless given.</summary>
    public static Uri Normalize(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("The server address is empty.");
        }
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new FormatException($"'{text}' is not a server address (expected host[:port] or https://host[:port]).");
        }
        var port = HasExplicitPort(trimmed) ? uri.Port : DefaultPort;
        return new UriBuilder(uri.Scheme, uri.Host, port).Uri;
    }

    /// <summary>Formats a base address with its port always spelled out (<c>https://host:443/</c>), so it normalises back to itself.</summary>
    public static string Format(Uri address) => $"{address.Scheme}://{address.Host}:{address.Port}/";

    private static bool HasExplicitPort(string absolute)
    {
        var authority = absolute[(absolute.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = authority.IndexOfAny(['/', '?', '#']);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }
}
