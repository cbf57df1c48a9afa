using System.Text.Json;

namespace Cordouan.Client.Errors;

/// <summary>
/// The daemon answered with an error status. <see cref="Exception.Message"/> reads like
/// <c>400 Parameter verification failed: memory: value must have a minimum value of 16</c>.
/// </summary>
public sealed class CordouanApiException : Exception
{
    public CordouanApiException(int statusCode, string apiMessage, IReadOnlyDictionary<string, string>? errors = null)
        : base(Format(statusCode, apiMessage, errors ?? new Dictionary<string, string>()))
    {
        StatusCode = statusCode;
        ApiMessage = Clean(apiMessage);
        Errors = errors ?? new Dictionary<string, string>();
    }

    /// <summary>The HTTP status code (400, 401, 403, 500, 501, 595…).</summary>
    public int StatusCode { get; }

    /// <summary>The server's message, first line, without trailing newline.</summary>
    public string ApiMessage { get; }

    /// <summary>Per-parameter validation errors (400 only), parameter name to text.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>Builds the exception from an error response: body <c>message</c>/<c>errors</c> when JSON, else the reason phrase.</summary>
    public static CordouanApiException FromResponse(int statusCode, string? reasonPhrase, string? body)
    {
        string? message = null;
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        message = m.GetString();
                    }
                    if (document.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in e.EnumerateObject())
                        {
                            errors[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (PVE sends empty or plain bodies on 401): the reason phrase carries the message.
            }
        }
        if (string.IsNullOrWhiteSpace(message))
        {
            message = string.IsNullOrWhiteSpace(reasonPhrase) ? $"HTTP error {statusCode}" : reasonPhrase;
        }
        return new CordouanApiException(statusCode, message, errors);
    }

    private static string Format(int statusCode, string apiMessage, IReadOnlyDictionary<string, string> errors)
    {
        var text = $"{statusCode} {Clean(apiMessage).TrimEnd('.')}";
        if (errors.Count == 0)
        {
            return text;
        }
        var details = errors
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {string.Join("; ", e.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        return $"{text}: {string.Join("; ", details)}";
    }

    private static string Clean(string message) => message.Trim().Split('\n')[0].Trim();
}
