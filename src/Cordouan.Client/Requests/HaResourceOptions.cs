namespace Cordouan.Client.Requests;

/// <summary>Optional parameters of <c>POST /cluster/ha/resources</c> and <c>PUT …/resources/{sid}</c>; null = not sent.</summary>
public sealed record HaResourceOptions
{
    /// <summary><c>started</c>, <c>stopped</c>, <c>enabled</c> (= started), <c>disabled</c> or <c>ignored</c>.</summary>
    public string? State { get; init; }

    public string? Group { get; init; }

    public int? MaxRestart { get; init; }

    public int? MaxRelocate { get; init; }

    public bool? Failback { get; init; }

    public string? Comment { get; init; }
}
