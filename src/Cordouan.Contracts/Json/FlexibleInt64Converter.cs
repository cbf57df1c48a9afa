using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Json;

/// <summary>Reads an integer sent either as a JSON number or as a decimal string (PVE mixes both); writes a number.</summary>
public sealed class FlexibleInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var value) ? value : checked((long)reader.GetDouble());
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
                {
                    return checked((long)fraction);
                }
                throw new JsonException($"Expected an integer, got '{text}'.");
            case JsonTokenType.True:
                return 1;
            case JsonTokenType.False:
                return 0;
            default:
                throw new JsonException($"Expected an integer, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
