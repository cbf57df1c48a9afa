using System.Text.Json.Nodes;
using Cordouan.Access.Tickets;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// The VNC console as Proxmox serves it to noVNC (spec §11): <c>POST …/vncproxy</c> hands out a session (port, PVEVNC
/// ticket, and a <c>vncproxy</c> task that lives as long as the session), <c>GET …/vncwebsocket</c> relays the websocket
/// to the VM's VNC unix socket once the ticket matches the caller, the VM and the port.
/// </summary>
public static class QemuVncHandlers
{
    private const string InvalidTicket = "permission denied - invalid vnc ticket";

    public static async Task<IResult> VncProxyAsync(
        HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IVmDriver driver, IAccessGuard guard,
        TicketService tickets, VncSessions sessions, TaskManager tasks)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Console");
        var p = request.Params;
        p.Boolean("websocket");
        var generatePassword = p.Boolean("generate-password") ?? false;
        p.Validate();
        if (generatePassword)
        {
            // The VNC server listens on a unix socket only this relay reaches, behind the ticket: a password would add nothing.
            throw new ValidationException("generate-password", "not supported: the VNC server is reachable only through vncwebsocket and its ticket");
        }
        var ct = http.RequestAborted;
        await vms.GetConfigAsync(request.VmId, ct);
        if (await driver.GetAsync(request.VmId, ct) is null)
        {
            throw new VmStateException($"VM {request.VmId} not running");
        }
        var user = request.Caller.Name;
        var session = sessions.TryAdd(port => new VncSession(port, request.VmId, user, driver.VncSocketPath(request.VmId)))
            ?? throw new VmStateException($"Failed to open a console on VM {request.VmId}: too many console sessions on this node");
        try
        {
            var ticket = await tickets.CreateVncTicketAsync(user, $"/vms/{request.VmId}", session.Port, ct);
            var upid = await tasks.StartAsync("vncproxy", request.VmId.ToString(), user, context => RunSessionAsync(context, session, sessions), ct);
            var certificate = await File.ReadAllTextAsync(Path.Combine(identity.DataDirectory, "certs", "node.pem"), ct);
            return PveResult.Ok(new JsonObject
            {
                ["port"] = session.Port,
                ["ticket"] = ticket,
                ["upid"] = upid.ToString(),
                ["user"] = user,
                ["cert"] = certificate,
            });
        }
        catch
        {
            sessions.Remove(session);
            throw;
        }
    }

    public static async Task<IResult> VncWebSocketAsync(
        HttpContext http, string node, string vmid, NodeIdentity identity, IAccessGuard guard, TicketService tickets, VncSessions sessions)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Console");
        var p = request.Params;
        var port = (int)(p.Integer("port", 5900, 65535, required: true) ?? 0);
        var ticket = p.RequiredString("vncticket");
        p.Validate();
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return PveResult.Error(StatusCodes.Status400BadRequest, "websocket upgrade required");
        }
        var user = request.Caller.Name;
        var session = sessions.Find(port);
        if (!await tickets.VerifyVncTicketAsync(ticket, user, $"/vms/{request.VmId}", port, http.RequestAborted)
            || session is null || session.VmId != request.VmId || session.User != user || !session.TryClaim())
        {
            return PveResult.Error(StatusCodes.Status401Unauthorized, InvalidTicket);
        }
        try
        {
            using var target = await WebSocketRelay.ConnectAsync(session.SocketPath, http.RequestAborted);
            session.Opened.TrySetResult();
            await WebSocketRelay.RunAsync(http, target, session.Stop.Token);
        }
        finally
        {
            session.Opened.TrySetResult();
            session.Closed.TrySetResult();
        }
        return Results.Empty;
    }

    /// <summary>The vncproxy task: fails if nobody connects within the ticket's lifetime, ends OK when the websocket closes.</summary>
    private static async Task RunSessionAsync(TaskContext context, VncSession session, VncSessions sessions)
    {
        using var stop = context.CancellationToken.Register(session.Stop.Cancel);
        try
        {
            context.Log($"console session {session.Port} for {session.User}, waiting for the websocket");
            try
            {
                await session.Opened.Task.WaitAsync(TicketService.VncLifetime, context.CancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no websocket connected within {TicketService.VncLifetime.TotalSeconds:0} s");
            }
            context.Log("websocket connected");
            await session.Closed.Task.WaitAsync(context.CancellationToken);
            context.Log("websocket closed");
        }
        finally
        {
            sessions.Remove(session);
        }
    }
}
