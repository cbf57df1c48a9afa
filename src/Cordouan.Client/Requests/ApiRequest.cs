using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Client.Errors;

namespace Cordouan.Client.Requests;

/// <summary>
/// One call of the Proxmox-compatible API: method, path below <c>/api2/json/</c>, parameters (query string for
/// GET/DELETE, form body for POST/PUT) and the type of its <c>data</c>.
/// </summary>
public sealed record ApiRequest<T>(HttpMethod Method, string Path, JsonTypeInfo<T> ResultType)
{
    /// <summary>Parameters in order; a repeated name is sent repeatedly.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>False only for the login call, which must go without ticket and CSRF token.</summary>
    public bool Authenticated { get; init; } = true;

    /// <summary>Converts the response's <c>data</c> into <typeparamref name="T"/>.</summary>
    public T ReadData(JsonElement data)
    {
        try
        {
            return data.Deserialize(ResultType)
                ?? throw new CordouanClientException($"{Method} /{Path} returned no data.");
        }
        catch (JsonException ex)
        {
            throw new CordouanClientException($"{Method} /{Path} returned data of an unexpected shape: {ex.Message}", ex);
        }
    }

    public override string ToString() => $"{Method} /{Path}";
}
