using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Cordouan.Qemu.Qmp.Events;

namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>Reads the three kinds of QMP server messages: greeting, reply, event.</summary>
internal static class QmpMessageParser
{
    private static readonly JsonElement EmptyObject = CreateEmptyObject();

    public static QmpGreeting ParseGreeting(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("QMP", out var qmp))
            {
                throw new QmpProtocolException($"Expected a QMP greeting, got: {Truncate(line)}");
            }
            var version = new Version(0, 0, 0);
            var package = "";
            if (qmp.TryGetProperty("version", out var versionElement))
            {
                if (versionElement.TryGetProperty("qemu", out var qemu))
                {
                    version = new Version(
                        qemu.GetProperty("major").GetInt32(), qemu.GetProperty("minor").GetInt32(), qemu.GetProperty("micro").GetInt32());
                }
                package = versionElement.TryGetProperty("package", out var p) ? p.GetString() ?? "" : "";
            }
            var capabilities = new List<string>();
            if (qmp.TryGetProperty("capabilities", out var caps) && caps.ValueKind == JsonValueKind.Array)
            {
                foreach (var capability in caps.EnumerateArray())
                {
                    capabilities.Add(capability.GetString() ?? "");
                }
            }
            return new QmpGreeting(version, package, capabilities);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new QmpProtocolException($"Malformed QMP greeting: {Truncate(line)}", e);
        }
    }

    public static bool TryParseEvent(JsonElement root, [NotNullWhen(true)] out QmpEvent? qmpEvent)
    {
        qmpEvent = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var timestamp = DateTimeOffset.UnixEpoch;
        if (root.TryGetProperty("timestamp", out var ts)
            && ts.TryGetProperty("seconds", out var seconds) && seconds.TryGetInt64(out var s)
            && ts.TryGetProperty("microseconds", out var micros) && micros.TryGetInt64(out var us))
        {
            timestamp = DateTimeOffset.FromUnixTimeSeconds(s).AddTicks(us * TimeSpan.TicksPerMicrosecond);
        }
        var data = root.TryGetProperty("data", out var d) ? d.Clone() : EmptyObject;
        qmpEvent = new QmpEvent(name.GetString()!, data, timestamp);
        return true;
    }

    public static bool TryParseReply(JsonElement root, out long id, [NotNullWhen(true)] out QmpResponse? response)
    {
        id = 0;
        response = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out id))
        {
            return false;
        }
        if (root.TryGetProperty("error", out var error))
        {
            var errorClass = error.TryGetProperty("class", out var c) ? c.GetString() ?? "" : "";
            var description = error.TryGetProperty("desc", out var desc) ? desc.GetString() ?? "" : "";
            response = new QmpResponse(default, new QmpError(errorClass, description));
            return true;
        }
        response = new QmpResponse(root.TryGetProperty("return", out var value) ? value.Clone() : EmptyObject, null);
        return true;
    }

    private static JsonElement CreateEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static string Truncate(string line) => line.Length > 200 ? line[..200] + "…" : line;
}
