using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Access;

/// <summary>Routes of <c>/access</c> (spec §2): login, users, API tokens, permissions, ACL, realms, roles.</summary>
public static class AccessEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var access = app.MapGroup("/api2/json/access");
        access.MapPost("/ticket", LoginHandlers.LoginAsync);
        access.MapGet("/ticket", LoginHandlers.IndexAsync);
        access.MapGet("/permissions", PermissionHandlers.PermissionsAsync);
        access.MapGet("/domains", PermissionHandlers.DomainsAsync);
        access.MapGet("/roles", PermissionHandlers.RolesAsync);
        access.MapGet("/acl", PermissionHandlers.AclListAsync);
        access.MapPut("/acl", PermissionHandlers.AclUpdateAsync);
        access.MapGet("/users", UserHandlers.ListAsync);
        access.MapPost("/users", UserHandlers.CreateAsync);
        access.MapGet("/users/{userid}", UserHandlers.GetAsync);
        access.MapPut("/users/{userid}", UserHandlers.UpdateAsync);
        access.MapDelete("/users/{userid}", UserHandlers.DeleteAsync);
        access.MapPut("/password", UserHandlers.PasswordAsync);
        access.MapGet("/users/{userid}/token", TokenHandlers.ListAsync);
        access.MapGet("/users/{userid}/token/{tokenid}", TokenHandlers.GetAsync);
        access.MapPost("/users/{userid}/token/{tokenid}", TokenHandlers.CreateAsync);
        access.MapPut("/users/{userid}/token/{tokenid}", TokenHandlers.UpdateAsync);
        access.MapDelete("/users/{userid}/token/{tokenid}", TokenHandlers.DeleteAsync);
    }
}
