using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms.Migration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>A peer streams a VM disk to this node (offline migration) or takes one back after a failed migration.</summary>
public static class InternalVolumeHandlers
{
    /// <summary><c>PUT …/internal/volumes/{storage}/{name}</c>, the raw volume as body → <c>{bytes, sha256}</c>; 409 if it exists.</summary>
    public static async Task<IResult> PutAsync(HttpContext http, string storage, string volume, VolumeReceiver receiver)
    {
        // Disks are far larger than Kestrel's default body limit (30 MB); the sender states the length.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        try
        {
            var received = await receiver.ReceiveAsync(new VolumeId(storage, volume), http.Request.Body, http.Request.ContentLength, http.RequestAborted);
            return PveResult.Ok(new JsonObject { ["bytes"] = received.Bytes, ["sha256"] = received.Sha256 });
        }
        catch (AlreadyExistsException e)
        {
            return PveResult.Error(StatusCodes.Status409Conflict, e.Message);
        }
    }

    /// <summary><c>DELETE …/internal/volumes/{storage}/{name}</c>: removes a received volume no VM of this node uses.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext http, string storage, string volume, VolumeReceiver receiver)
    {
        await receiver.DeleteAsync(new VolumeId(storage, volume), http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }
}
