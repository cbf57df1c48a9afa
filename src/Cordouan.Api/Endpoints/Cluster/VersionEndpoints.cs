using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Cluster;

/// <summary><c>GET /version</c>: a PVE-like 8.4.x (clients gate features on it) plus Cordouan's own version.</summary>
public static class VersionEndpoints
{
    public const string PveVersion = "8.4.1";
    public const string RepoId = "c0rd0a4e";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api2/json/version", () => PveResult.Ok(new JsonObject
    {
        ["version"] = PveVersion,
        ["release"] = "8.4",
        ["repoid"] = RepoId,
        ["cordouan"] = typeof(VersionEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
    }));
}
