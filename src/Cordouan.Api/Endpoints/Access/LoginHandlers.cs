using System.Text.Json.Nodes;
using Cordouan.Access.Tickets;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Access;

/// <summary><c>POST /access/ticket</c>: password (or a still-valid ticket, for renewal) → ticket, CSRF token and capabilities.</summary>
public static class LoginHandlers
{
    public static async Task<IResult> LoginAsync(HttpContext http, TicketService tickets, NodeIdentity identity)
    {
        var reader = await ParamReader.ReadAsync(http);
        var username = reader.RequiredString("username");
        var password = reader.RequiredString("password");
        var realm = reader.String("realm");
        reader.Accept(["otp", "tfa-challenge", "path", "privs", "new-format"]);
        reader.Validate();
        // The TCP peer, never a header: a login is not under /nodes/{node}, so no peer node ever forwards it.
        var grant = await tickets.LoginAsync(username, password, realm, http.Connection.RemoteIpAddress, http.RequestAborted);
        var cap = new JsonObject();
        foreach (var (group, privileges) in grant.Capabilities)
        {
            var privs = new JsonObject();
            foreach (var (privilege, value) in privileges)
            {
                privs[privilege] = value;
            }
            cap[group] = privs;
        }
        return PveResult.Ok(new JsonObject
        {
            ["username"] = grant.Username,
            ["ticket"] = grant.Ticket,
            ["CSRFPreventionToken"] = grant.CsrfPreventionToken,
            ["cap"] = cap,
            ["clustername"] = identity.ClusterName,
        });
    }

    public static IResult IndexAsync() => PveResult.Ok((JsonNode?)null);
}
