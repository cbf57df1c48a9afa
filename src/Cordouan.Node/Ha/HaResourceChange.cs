using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

/// <summary>
/// The optional settings of an HA resource a create or an update carries (null = not given), plus the option names an
/// update may reset to their defaults (Proxmox's <c>delete</c>). Option names are Proxmox's parameter names.
/// </summary>
public sealed record HaResourceChange
{
    /// <summary>Proxmox sets only a minimum; more than 10 restarts or relocations would just delay the error state.</summary>
    public const int MaxRetries = 10;

    public const int MaxCommentLength = 4096;

    /// <summary>The options <c>delete</c> may name.</summary>
    public static IReadOnlyList<string> Deletable { get; } = ["state", "group", "max_restart", "max_relocate", "failback", "comment"];

    public string? State { get; init; }
    public string? Group { get; init; }
    public int? MaxRestart { get; init; }
    public int? MaxRelocate { get; init; }
    public bool? Failback { get; init; }
    public string? Comment { get; init; }

    /// <summary>Options to reset (update only).</summary>
    public IReadOnlyList<string> Delete { get; init; } = [];

    /// <summary>Throws one 400 listing every bad value (Proxmox texts, keyed by parameter name).</summary>
    public void Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (State is not null && !HaStates.Requestable.Contains(State))
        {
            errors["state"] = $"value '{State}' does not have a value in the enumeration '{string.Join(", ", HaStates.Requestable)}'";
        }
        if (Group is not null && !HaIds.IsValidGroupName(Group))
        {
            errors["group"] = $"invalid format - invalid configuration ID '{Group}'";
        }
        CheckRetries(errors, "max_restart", MaxRestart);
        CheckRetries(errors, "max_relocate", MaxRelocate);
        if (Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = $"value may only be {MaxCommentLength} characters long";
        }
        foreach (var name in Delete)
        {
            if (!Deletable.Contains(name))
            {
                errors["delete"] = $"no such option '{name}'";
            }
            else if (IsSet(name))
            {
                errors[name] = "unable to delete and set the same option";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>The document with the deleted options back at their defaults, then the given values applied.</summary>
    public HaResourceDocument ApplyTo(HaResourceDocument current)
    {
        var defaults = new HaResourceDocument { Sid = current.Sid, VmId = current.VmId };
        var next = current;
        foreach (var name in Delete)
        {
            next = name switch
            {
                "state" => next with { State = defaults.State },
                "group" => next with { Group = null },
                "max_restart" => next with { MaxRestart = defaults.MaxRestart },
                "max_relocate" => next with { MaxRelocate = defaults.MaxRelocate },
                "failback" => next with { Failback = defaults.Failback },
                "comment" => next with { Comment = null },
                _ => throw new ArgumentException($"option '{name}' cannot be deleted", nameof(current)),
            };
        }
        return next with
        {
            State = State is null ? next.State : HaStates.Normalize(State),
            Group = Group ?? next.Group,
            MaxRestart = MaxRestart ?? next.MaxRestart,
            MaxRelocate = MaxRelocate ?? next.MaxRelocate,
            Failback = Failback ?? next.Failback,
            Comment = Comment ?? next.Comment,
        };
    }

    private bool IsSet(string name) => name switch
    {
        "state" => State is not null,
        "group" => Group is not null,
        "max_restart" => MaxRestart is not null,
        "max_relocate" => MaxRelocate is not null,
        "failback" => Failback is not null,
        "comment" => Comment is not null,
        _ => false,
    };

    private static void CheckRetries(Dictionary<string, string> errors, string name, int? value)
    {
        if (value < 0)
        {
            errors[name] = "value must have a minimum value of 0";
        }
        else if (value > MaxRetries)
        {
            errors[name] = $"value must have a maximum value of {MaxRetries}";
        }
    }
}
