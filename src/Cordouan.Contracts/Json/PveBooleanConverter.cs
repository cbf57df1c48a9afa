using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Json;

/// <summary>PVE booleans: reads <c>0</c>/<c>1</c> (number or string) and <c>true</c>/<c>false</c>; writes <c>0</c>/<c>1</c>.</summary>
public sealed class PveBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number => reader.GetDouble() != 0,
            JsonTokenType.String => reader.GetString() switch
            {
                "1" or "true" or "yes" or "on" => true,
                "0" or "false" or "no" or "off" or "" => false,
                var text => throw new JsonException($"Expected a boolean, got '{text}'."),
            },
            _ => throw new JsonException($"Expected a boolean, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteNumberValue(value ? 1 : 0);
}
