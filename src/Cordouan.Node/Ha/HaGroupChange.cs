using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

/// <summary>
/// The settings of an HA group a create or an update carries (null = not given), plus the option names an update may
/// reset (Proxmox's <c>delete</c>). <see cref="Nodes"/> is Proxmox's text (<c>n1:2,n2</c>), parsed by <see cref="HaGroupNodes"/>.
/// </summary>
public sealed record HaGroupChange
{
    /// <summary>The options <c>delete</c> may name; <c>nodes</c> is required and cannot be deleted.</summary>
    public static IReadOnlyList<string> Deletable { get; } = ["restricted", "nofailback", "comment"];

    public string? Nodes { get; init; }
    public bool? Restricted { get; init; }
    public bool? NoFailback { get; init; }
    public string? Comment { get; init; }

    /// <summary>Options to reset (update only).</summary>
    public IReadOnlyList<string> Delete { get; init; } = [];

    /// <summary>Checks the values that need no cluster state and returns the parsed members (null when not given).</summary>
    public IReadOnlyList<HaGroupNode>? Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<HaGroupNode>? members = null;
        if (Nodes is not null)
        {
            try
            {
                members = HaGroupNodes.Parse(Nodes);
            }
            catch (ValidationException e)
            {
                foreach (var (field, text) in e.Errors)
                {
                    errors[field] = text;
                }
            }
        }
        if (Comment is { Length: > HaResourceChange.MaxCommentLength })
        {
            errors["comment"] = $"value may only be {HaResourceChange.MaxCommentLength} characters long";
        }
        foreach (var name in Delete)
        {
            if (name == "nodes")
            {
                errors["delete"] = "unable to delete required option 'nodes'";
            }
            else if (!Deletable.Contains(name))
            {
                errors["delete"] = $"no such option '{name}'";
            }
            else if ((name == "restricted" && Restricted is not null) || (name == "nofailback" && NoFailback is not null) || (name == "comment" && Comment is not null))
            {
                errors[name] = "unable to delete and set the same option";
            }
        }
        return errors.Count > 0 ? throw new ValidationException(errors) : members;
    }

    /// <summary>The document with the deleted options back at their defaults, then the given values applied.</summary>
    public HaGroupDocument ApplyTo(HaGroupDocument current, IReadOnlyList<HaGroupNode>? members)
    {
        var next = current;
        foreach (var name in Delete)
        {
            next = name switch
            {
                "restricted" => next with { Restricted = false },
                "nofailback" => next with { NoFailback = false },
                "comment" => next with { Comment = null },
                _ => throw new ArgumentException($"option '{name}' cannot be deleted", nameof(current)),
            };
        }
        return next with
        {
            Nodes = members ?? next.Nodes,
            Restricted = Restricted ?? next.Restricted,
            NoFailback = NoFailback ?? next.NoFailback,
            Comment = Comment ?? next.Comment,
        };
    }
}
