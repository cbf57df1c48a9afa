namespace Cordouan.Core.Errors;

/// <summary>A write carried a stale digest, or lost a compare-and-swap against a concurrent writer.</summary>
public sealed class ConfigConflictException()
    : CordouanException("detected modified configuration - file changed by other user? Try again.");
