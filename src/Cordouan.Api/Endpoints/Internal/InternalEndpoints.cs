using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>Routes of the node-to-node API (<see cref="InternalPaths"/>), every one behind <see cref="NodeCertificateFilter"/>.</summary>
public static class InternalEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var internalApi = app.MapGroup(InternalPaths.Prefix).AddEndpointFilter<NodeCertificateFilter>().ExcludeFromDescription();
        internalApi.MapPut("/volumes/{storage}/{**volume}", InternalVolumeHandlers.PutAsync);
        internalApi.MapDelete("/volumes/{storage}/{**volume}", InternalVolumeHandlers.DeleteAsync);
        internalApi.MapPost("/migrations/{vmid:int}", InternalMigrationHandlers.PrepareAsync);
        internalApi.MapPost("/migrations/{vmid:int}/resume", InternalMigrationHandlers.ResumeAsync);
        internalApi.MapDelete("/migrations/{vmid:int}", InternalMigrationHandlers.AbortAsync);
    }
}
