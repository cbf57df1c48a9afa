using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cordouan.Api.Http;

/// <summary>
/// A Proxmox-shaped response: <c>{"data": …}</c> (data may be null but is never omitted), optional <c>message</c>,
/// <c>errors</c> and <c>total</c>, and the message's first line as the HTTP reason phrase (proxmoxer shows it).
/// </summary>
public sealed class PveResult(int statusCode, JsonNode? data, string? message = null, IReadOnlyDictionary<string, string>? errors = null, int? total = null) : IResult
{
    public static PveResult Ok(JsonNode? data) => new(StatusCodes.Status200OK, data);

    public static PveResult Ok(string? data) => new(StatusCodes.Status200OK, data is null ? null : JsonValue.Create(data));

    public static PveResult List(JsonArray items, int? total = null) => new(StatusCodes.Status200OK, items, total: total);

    public static PveResult Error(int statusCode, string message, IReadOnlyDictionary<string, string>? errors = null) =>
        new(statusCode, null, message, errors);

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (message is not null)
        {
            var reason = ReasonPhrase(message);
            var feature = httpContext.Features.Get<IHttpResponseFeature>();
            if (feature is not null)
            {
                feature.ReasonPhrase = reason;
            }
        }
        response.ContentType = "application/json;charset=UTF-8";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                data.WriteTo(writer);
            }
            if (message is not null)
            {
                writer.WriteString("message", message.TrimEnd('\n') + "\n");
            }
            if (errors is not null)
            {
                writer.WriteStartObject("errors");
                foreach (var (field, text) in errors)
                {
                    writer.WriteString(field, text);
                }
                writer.WriteEndObject();
            }
            if (total is { } t)
            {
                writer.WriteNumber("total", t);
            }
            writer.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.ToArray(), httpContext.RequestAborted);
    }

    /// <summary>First line, ASCII only (a reason phrase may not carry anything else).</summary>
    private static string ReasonPhrase(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var ascii = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            ascii.Append(c is >= ' ' and < (char)127 ? c : '?');
        }
        return ascii.ToString();
    }
}
