using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Ha;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Ha;
using Cordouan.Node.Telemetry.MetricServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Cluster;

/// <summary>
/// Proxmox's external metric servers (<c>/cluster/metrics/server[/{id}]</c>), kept in etcd. As Proxmox, a server's
/// token is write-only: stored apart and never returned. InfluxDB and Graphite are sent to; OpenTelemetry is refused.
/// </summary>
public static class MetricServerEndpoints
{
    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal) { "disable", "verify-certificate", "otel-verify-ssl" };
    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal) { "port", "timeout", "mtu", "max-body-size", "otel-max-body-size", "otel-timeout" };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster/metrics", async (HttpContext http) =>
        {
            (await ParamReader.ReadAsync(http)).Validate();
            return PveResult.List([new JsonObject { ["name"] = "server" }]);
        });
        app.MapGet("/api2/json/cluster/metrics/server", ListAsync);
        app.MapGet("/api2/json/cluster/metrics/server/{id}", GetAsync);
        app.MapPost("/api2/json/cluster/metrics/server/{id}", CreateAsync);
        app.MapPut("/api2/json/cluster/metrics/server/{id}", UpdateAsync);
        app.MapDelete("/api2/json/cluster/metrics/server/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, MetricServerRepository servers, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        var items = new JsonArray();
        foreach (var server in (await servers.ListAsync(http.RequestAborted)).Select(s => s.Document).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            items.Add(new JsonObject
            {
                ["id"] = server.Id,
                ["disable"] = server.Disabled ? 1 : 0,
                ["type"] = server.Type,
                ["server"] = server.Option("server"),
                ["port"] = int.TryParse(server.Option("port"), CultureInfo.InvariantCulture, out var port) ? port : null,
            });
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, MetricServerRepository servers, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["id"] = id })).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        var current = await servers.GetAsync(id, http.RequestAborted);
        var item = new JsonObject { ["type"] = current.Document.Type, ["digest"] = current.Digest };
        foreach (var (key, value) in current.Document.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            item[key] = Integers.Contains(key) || Booleans.Contains(key) ? JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        }
        return PveResult.Ok(item);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string id, MetricServerRepository servers, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["id"] = id });
        var type = reader.Enum("type", ["graphite", "influxdb", "opentelemetry"], required: true)!;
        var options = ReadOptions(reader);
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var token = Take(options, "token");
        Check(type, options, token);
        foreach (var required in new[] { "server", "port" })
        {
            if (!options.ContainsKey(required))
            {
                throw new ValidationException(required, "property is missing and it is not optional");
            }
        }
        await servers.CreateAsync(new MetricServerDocument { Id = id, Type = type, Options = options }, token, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string id, MetricServerRepository servers, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["id"] = id });
        var options = ReadOptions(reader);
        var delete = HaEndpoints.SplitList(reader.String("delete"));
        var digest = reader.String("digest");
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var current = await servers.GetAsync(id, http.RequestAborted);
        if (digest is not null && !string.Equals(digest, current.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigConflictException();
        }
        var type = current.Document.Type;
        var token = Take(options, "token");
        Check(type, options, token);
        var next = new Dictionary<string, string>(current.Document.Options, StringComparer.Ordinal);
        foreach (var key in delete)
        {
            if (!MetricServerTypes.Options[type].Contains(key))
            {
                throw new ValidationException("delete", $"no such option '{key}'");
            }
            if (key is "server" or "port")
            {
                throw new ValidationException("delete", $"unable to delete required option '{key}'");
            }
            if (options.ContainsKey(key) || (key == "token" && token is not null))
            {
                throw new ValidationException("delete", $"cannot set and delete property '{key}' at the same time!");
            }
            next.Remove(key);
        }
        foreach (var (key, value) in options)
        {
            next[key] = value;
        }
        await servers.UpdateAsync(current, current.Document with { Options = next }, token, delete.Contains("token"), http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string id, MetricServerRepository servers, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["id"] = id })).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        await servers.DeleteAsync(id, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>Every option given, normalized: booleans as 0/1, integers as digits.</summary>
    private static Dictionary<string, string> ReadOptions(ParamReader reader)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in MetricServerTypes.AllOptions)
        {
            string? value;
            if (Booleans.Contains(name))
            {
                value = reader.Boolean(name) is { } b ? (b ? "1" : "0") : null;
            }
            else if (Integers.Contains(name))
            {
                value = reader.Integer(name)?.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                value = reader.String(name);
            }
            if (value is not null)
            {
                options[name] = value;
            }
        }
        return options;
    }

    private static string? Take(Dictionary<string, string> options, string name) => options.Remove(name, out var value) ? value : null;

    private static void Check(string type, Dictionary<string, string> options, string? token)
    {
        if (!MetricServerTypes.Options.TryGetValue(type, out var allowed))
        {
            throw new ValidationException("type", $"Cordouan does not send metrics to '{type}' servers (influxdb and graphite only)");
        }
        if (options.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } foreign)
        {
            throw new ValidationException(foreign, $"property is not allowed for metric servers of type '{type}'");
        }
        if (token is not null && !allowed.Contains("token"))
        {
            throw new ValidationException("token", $"property is not allowed for metric servers of type '{type}'");
        }
    }
}
