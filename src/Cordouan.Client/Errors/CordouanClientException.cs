namespace Cordouan.Client.Errors;

/// <summary>A request could not be made or its answer understood (unknown VM, malformed UPID, unexpected response shape).</summary>
public sealed class CordouanClientException : Exception
{
    public CordouanClientException(string message)
        : base(message)
    {
    }

    public CordouanClientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
