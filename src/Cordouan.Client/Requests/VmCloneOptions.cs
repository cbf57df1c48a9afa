namespace Cordouan.Client.Requests;

/// <summary>Optional parameters of <c>POST …/{vmid}/clone</c>.</summary>
public sealed record VmCloneOptions
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Full copy instead of a linked clone (PVE forces a full copy for non-templates).</summary>
    public bool? Full { get; init; }

    /// <summary>Target storage for a full clone.</summary>
    public string? Storage { get; init; }

    /// <summary>Target node (shared storage only).</summary>
    public string? Target { get; init; }

    public string? Format { get; init; }

    public string? Pool { get; init; }

    public string? SnapName { get; init; }
}
