using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Json;

/// <summary>Reads a number sent as a JSON number or as a string (PVE returns some numbers as stored text); writes a number.</summary>
public sealed class FlexibleDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String:
                var text = reader.GetString();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                throw new JsonException($"Expected a number, got '{text}'.");
            default:
                throw new JsonException($"Expected a number, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
