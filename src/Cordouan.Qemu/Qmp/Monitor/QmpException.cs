using Cordouan.Core.Errors;

namespace Cordouan.Qemu.Qmp.Monitor;

/// <summary>QEMU refused a QMP command; carries QEMU's error class (<c>GenericError</c>, <c>DeviceNotFound</c>...) and description.</summary>
public sealed class QmpException(string command, string errorClass, string description)
    : CordouanException($"QMP command {command} failed: {errorClass}: {description}")
{
    public string Command { get; } = command;
    public string ErrorClass { get; } = errorClass;
    public string Description { get; } = description;
}
