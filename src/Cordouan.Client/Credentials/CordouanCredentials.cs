namespace Cordouan.Client.Credentials;

/// <summary>How the client authenticates: a login ticket (<see cref="TicketCredentials"/>) or an API token (<see cref="ApiTokenCredentials"/>).</summary>
public abstract record CordouanCredentials
{
    private protected CordouanCredentials()
    {
    }

    /// <summary>The user (or token) the requests act as, for display; never a secret.</summary>
    public abstract string Principal { get; }
}
