namespace Cordouan.Core.Errors;

/// <summary>Something with that id exists already.</summary>
public sealed class AlreadyExistsException(string message) : CordouanException(message);
