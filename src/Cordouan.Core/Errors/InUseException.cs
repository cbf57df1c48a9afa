namespace Cordouan.Core.Errors;

/// <summary>Something cannot be removed while another configuration item still refers to it.</summary>
public sealed class InUseException(string message) : CordouanException(message);
