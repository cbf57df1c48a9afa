using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Json;

/// <summary>Reads an <see cref="int"/> sent as a JSON number or a decimal string; writes a number.</summary>
public sealed class FlexibleInt32Converter : JsonConverter<int>
{
    private readonly FlexibleInt64Converter _inner = new();

    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = _inner.Read(ref reader, typeof(long), options);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new JsonException($"Value {value} does not fit in a 32-bit integer.");
        }
        return (int)value;
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
