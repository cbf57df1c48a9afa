namespace Cordouan.Client.Errors;

/// <summary>The daemon could not be reached or its TLS certificate was refused.</summary>
public sealed class CordouanConnectionException : Exception
{
    public CordouanConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Fingerprint of the certificate the server presented when it was refused, so the user can verify and pin it.</summary>
    public string? PresentedFingerprint { get; init; }
}
