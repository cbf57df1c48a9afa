using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms.Migration.Live;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>The target end of a live migration, called by the source node (<see cref="PeerMigrationClient"/>).</summary>
public static class InternalMigrationHandlers
{
    /// <summary><c>POST …/internal/migrations/{vmid}</c> with an <see cref="IncomingRequest"/> → <see cref="IncomingOffer"/>.</summary>
    public static async Task<IResult> PrepareAsync(HttpContext http, int vmid, IncomingMigrations incoming)
    {
        IncomingRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, MigrationWireJsonContext.Default.IncomingRequest, http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new ValidationException("body", $"not an incoming migration request: {e.Message}");
        }
        if (request is null || request.VmId != vmid)
        {
            throw new ValidationException("vmid", "the body does not describe this VM");
        }
        var offer = await incoming.PrepareAsync(request, http.RequestAborted);
        return PveResult.Ok(JsonSerializer.SerializeToNode(offer, MigrationWireJsonContext.Default.IncomingOffer));
    }

    /// <summary><c>POST …/internal/migrations/{vmid}/resume</c>.</summary>
    public static async Task<IResult> ResumeAsync(HttpContext http, int vmid, IncomingMigrations incoming)
    {
        await incoming.ResumeAsync(new VmId(vmid), http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary><c>DELETE …/internal/migrations/{vmid}</c>.</summary>
    public static async Task<IResult> AbortAsync(HttpContext http, int vmid, IncomingMigrations incoming)
    {
        await incoming.AbortAsync(new VmId(vmid), "the source aborted the migration", http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }
}
