namespace Cordouan.Core.Errors;

/// <summary>Base of every expected failure; the API maps each subtype once to a status code.</summary>
public class CordouanException : Exception
{
    public CordouanException(string message) : base(message) { }

    public CordouanException(string message, Exception? inner) : base(message, inner) { }
}
