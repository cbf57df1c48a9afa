namespace Cordouan.Client.Requests;

/// <summary>Parameters of <c>POST /cluster/ha/groups</c> and <c>PUT …/groups/{group}</c>; null = not sent.</summary>
public sealed record HaGroupOptions
{
    /// <summary><c>&lt;node&gt;[:&lt;priority&gt;],…</c>, e.g. <c>n1:2,n2</c> (required on create).</summary>
    public string? Nodes { get; init; }

    public bool? Restricted { get; init; }

    public bool? NoFailback { get; init; }

    public string? Comment { get; init; }
}
