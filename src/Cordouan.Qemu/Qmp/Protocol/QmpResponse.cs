using System.Text.Json;

namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>A reply to one command: either <see cref="Return"/> (detached JSON) or <see cref="Error"/>.</summary>
public sealed record QmpResponse(JsonElement Return, QmpError? Error)
{
    public bool IsSuccess => Error is null;
}
