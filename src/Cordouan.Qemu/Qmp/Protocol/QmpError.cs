namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>The <c>error</c> member of a QMP reply: an error class (<c>GenericError</c>, <c>CommandNotFound</c>, ...) and a human description.</summary>
public sealed record QmpError(string Class, string Description);
