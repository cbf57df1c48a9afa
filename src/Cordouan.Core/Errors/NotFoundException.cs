namespace Cordouan.Core.Errors;

/// <summary>A named thing (storage, snapshot, user, task) does not exist.</summary>
public sealed class NotFoundException(string message) : CordouanException(message);
