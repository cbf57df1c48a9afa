using System.Globalization;
using System.Text;
using System.Text.Json;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cordouan.Api.Http;

/// <summary>
/// Request parameters as Proxmox reads them: query string for GET/DELETE; form or JSON body for POST/PUT with query keys
/// merged over body keys. Booleans from JSON become 1/0, numbers keep their text. Read once per request (cached on the
/// context) and bounded before any work: at most <see cref="MaxBodyBytes"/> of body (pve-http-server's <c>$limit_max_post</c>)
/// and <see cref="MaxFields"/> fields; names and values must be UTF-8 without NUL; a body needs a form or JSON content type,
/// and a JSON body must be an object. Each violation is a 400 (<see cref="BadHttpRequestException"/> or <see cref="ValidationException"/>).
/// </summary>
public sealed class PveParameters
{
    /// <summary>pve-http-server refuses larger POST bodies (<c>$limit_max_post = 512 * 1024</c>).</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>More fields than any Proxmox method takes (a VM config has well under a hundred keys).</summary>
    public const int MaxFields = 256;

    private const string CacheKey = "cordouan.parameters";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, List<string>> _values;

    private PveParameters(Dictionary<string, List<string>> values)
    {
        _values = values;
    }

    public IEnumerable<string> Names => _values.Keys;

    public static async Task<PveParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Items.TryGetValue(CacheKey, out var cached) && cached is PveParameters known)
        {
            return known;
        }
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (request.Method is "POST" or "PUT" && request.ContentLength is not 0)
        {
            var body = await ReadBodyAsync(request, cancellationToken);
            if (body.Length > 0)
            {
                ParseBody(request.ContentType, body, values);
            }
        }
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var fromQuery = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        ParseUrlEncoded(Encoding.UTF8.GetBytes(query), fromQuery, values.Values.Sum(v => v.Count));
        foreach (var (key, list) in fromQuery)
        {
            values[key] = list;
        }
        var parameters = new PveParameters(values);
        request.HttpContext.Items[CacheKey] = parameters;
        return parameters;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Every parameter except the listed ones, as single values (last wins).</summary>
    public Dictionary<string, string> Except(IReadOnlySet<string> excluded) =>
        _values.Where(p => !excluded.Contains(p.Key) && p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value[^1], StringComparer.Ordinal);

    /// <summary>Formats an integer the invariant way.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static void ParseBody(string? contentType, byte[] body, Dictionary<string, List<string>> values)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw new BadHttpRequestException("request body without Content-Type (use application/x-www-form-urlencoded or application/json)");
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw new BadHttpRequestException($"invalid Content-Type '{contentType}'");
        }
        if (media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            ParseUrlEncoded(body, values, 0);
        }
        else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            ParseJson(body, values);
        }
        else
        {
            throw new BadHttpRequestException($"unsupported Content-Type '{media.MediaType}' (use application/x-www-form-urlencoded or application/json)");
        }
    }

    /// <summary><c>application/x-www-form-urlencoded</c> (and query strings): pairs split on '&amp;' or ';', '+' is a space, %XX a byte; the bytes must be UTF-8.</summary>
    private static void ParseUrlEncoded(byte[] data, Dictionary<string, List<string>> values, int alreadyCounted)
    {
        var count = alreadyCounted;
        var start = 0;
        while (start <= data.Length)
        {
            var end = Array.FindIndex(data, start, b => b is (byte)'&' or (byte)';');
            if (end < 0)
            {
                end = data.Length;
            }
            if (end > start)
            {
                var pair = data.AsSpan(start, end - start);
                var equals = pair.IndexOf((byte)'=');
                var name = Decode(equals < 0 ? pair : pair[..equals], null);
                var value = equals < 0 ? "" : Decode(pair[(equals + 1)..], name);
                if (++count > MaxFields)
                {
                    throw TooManyFields();
                }
                Add(values, name, value);
            }
            start = end + 1;
        }
    }

    private static void ParseJson(byte[] body, Dictionary<string, List<string>> values)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"invalid JSON body: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadHttpRequestException($"the JSON body must be an object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }
            var count = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var items = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().Select(JsonText).ToList() : [JsonText(property.Value)];
                count += Math.Max(1, items.Count);
                if (count > MaxFields)
                {
                    throw TooManyFields();
                }
                CheckText(property.Name, null);
                foreach (var item in items)
                {
                    CheckText(item, property.Name);
                }
                values[property.Name] = items;
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> values, string name, string value)
    {
        if (!values.TryGetValue(name, out var list))
        {
            values[name] = list = [];
        }
        list.Add(value);
    }

    /// <summary>Percent-decodes to bytes, then to strict UTF-8; <paramref name="field"/> is null while decoding a name.</summary>
    private static string Decode(ReadOnlySpan<byte> encoded, string? field)
    {
        var bytes = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            bytes[length++] = b;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw field is null
                ? new BadHttpRequestException("invalid UTF-8 in a parameter name")
                : new ValidationException(field, "value is not valid UTF-8");
        }
        CheckText(text, field);
        return text;
    }

    private static void CheckText(string text, string? field)
    {
        if (!text.Contains('\0', StringComparison.Ordinal))
        {
            return;
        }
        throw field is null
            ? new BadHttpRequestException("NUL byte in a parameter name")
            : new ValidationException(field, "value must not contain NUL bytes");
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static BadHttpRequestException TooLarge() =>
        new($"request body too large (more than {MaxBodyBytes} bytes)", StatusCodes.Status400BadRequest);

    private static BadHttpRequestException TooManyFields() =>
        new($"too many parameters (more than {MaxFields})", StatusCodes.Status400BadRequest);

    private static string JsonText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Null => "",
        _ => element.GetRawText(),
    };
}
