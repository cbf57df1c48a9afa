namespace Cordouan.Core.Errors;

/// <summary>Bad input, with one message per offending field (HTTP 400 "Parameter verification failed.").</summary>
public sealed class ValidationException : CordouanException
{
    public ValidationException(IReadOnlyDictionary<string, string> errors)
        : base("Parameter verification failed.")
    {
        Errors = errors;
    }

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string> { [field] = message })
    {
    }

    public IReadOnlyDictionary<string, string> Errors { get; }
}
