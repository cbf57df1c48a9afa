using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Routes of <c>/nodes/{node}/qemu</c> (spec §5). Handlers live in the files beside this one, by concern.</summary>
public static class QemuEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var qemu = app.MapGroup("/api2/json/nodes/{node}/qemu");
        qemu.MapGet("", QemuListHandlers.ListAsync);
        qemu.MapPost("", QemuListHandlers.CreateAsync);
        qemu.MapDelete("/{vmid}", QemuListHandlers.DeleteAsync);
        qemu.MapGet("/{vmid}", QemuListHandlers.IndexAsync);

        qemu.MapGet("/{vmid}/config", QemuConfigHandlers.GetAsync);
        qemu.MapPut("/{vmid}/config", QemuConfigHandlers.PutAsync);
        qemu.MapPost("/{vmid}/config", QemuConfigHandlers.PostAsync);
        qemu.MapGet("/{vmid}/pending", QemuConfigHandlers.PendingAsync);
        qemu.MapPut("/{vmid}/resize", QemuConfigHandlers.ResizeAsync);
        qemu.MapPost("/{vmid}/move_disk", QemuMoveDiskHandler.MoveAsync);
        qemu.MapGet("/{vmid}/cloudinit", QemuCloudInitHandlers.GetAsync);
        qemu.MapPut("/{vmid}/cloudinit", QemuCloudInitHandlers.PutAsync);
        qemu.MapGet("/{vmid}/cloudinit/dump", QemuCloudInitHandlers.DumpAsync);
        qemu.MapGet("/{vmid}/feature", QemuConfigHandlers.FeatureAsync);

        qemu.MapGet("/{vmid}/status", QemuStatusHandlers.IndexAsync);
        qemu.MapGet("/{vmid}/status/current", QemuStatusHandlers.CurrentAsync);
        qemu.MapPost("/{vmid}/status/{action}", QemuStatusHandlers.ActionAsync);

        qemu.MapPost("/{vmid}/clone", QemuCloneHandlers.CloneAsync);
        qemu.MapPost("/{vmid}/template", QemuCloneHandlers.TemplateAsync);
        qemu.MapGet("/{vmid}/migrate", QemuMigrateHandlers.PrecheckAsync);
        qemu.MapPost("/{vmid}/migrate", QemuMigrateHandlers.MigrateAsync);

        qemu.MapGet("/{vmid}/snapshot", QemuSnapshotHandlers.ListAsync);
        qemu.MapPost("/{vmid}/snapshot", QemuSnapshotHandlers.CreateAsync);
        qemu.MapGet("/{vmid}/snapshot/{snapname}", QemuSnapshotHandlers.IndexAsync);
        qemu.MapDelete("/{vmid}/snapshot/{snapname}", QemuSnapshotHandlers.DeleteAsync);
        qemu.MapPost("/{vmid}/snapshot/{snapname}/rollback", QemuSnapshotHandlers.RollbackAsync);
        qemu.MapGet("/{vmid}/snapshot/{snapname}/config", QemuSnapshotHandlers.GetConfigAsync);
        qemu.MapPut("/{vmid}/snapshot/{snapname}/config", QemuSnapshotHandlers.PutConfigAsync);

        qemu.MapGet("/{vmid}/serialwebsocket", QemuConsoleHandler.SerialAsync);
        qemu.MapPost("/{vmid}/vncproxy", QemuVncHandlers.VncProxyAsync);
        qemu.MapGet("/{vmid}/vncwebsocket", QemuVncHandlers.VncWebSocketAsync);
    }
}
