using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// Cordouan extension: the VM's first serial port as a WebSocket (binary frames carry raw bytes both ways).
/// Used by <c>cord console</c> and the web UI's xterm.js.
/// </summary>
public static class QemuConsoleHandler
{
    public static async Task<IResult> SerialAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IVmDriver driver, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Console");
        request.Params.Validate();
        await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return PveResult.Error(StatusCodes.Status400BadRequest, "websocket upgrade required");
        }
        if (await driver.GetAsync(request.VmId, http.RequestAborted) is null)
        {
            throw new VmStateException($"VM {request.VmId} not running");
        }
        using var serial = await WebSocketRelay.ConnectAsync(driver.SerialSocketPath(request.VmId), http.RequestAborted);
        await WebSocketRelay.RunAsync(http, serial, http.RequestAborted);
        return Results.Empty;
    }
}
