using System.Text.Json;

namespace Cordouan.Qemu.Qmp.Events;

/// <summary>An asynchronous QMP event (<c>{"event": "STOP", "data": {...}, "timestamp": {...}}</c>).</summary>
/// <param name="Name">Event name as QEMU spells it, e.g. <see cref="QmpEventNames.Shutdown"/>.</param>
/// <param name="Data">The <c>data</c> member (an empty object when absent), detached from the parsed document.</param>
/// <param name="Timestamp">When QEMU emitted the event.</param>
public sealed record QmpEvent(string Name, JsonElement Data, DateTimeOffset Timestamp);
