namespace Cordouan.Core.Errors;

/// <summary>The VM is not in a state that allows the operation (running, not running, template...).</summary>
public sealed class VmStateException(string message) : CordouanException(message);
