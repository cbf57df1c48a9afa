using System.Globalization;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Http;

/// <summary>
/// Typed access to parameters that collects every problem (Proxmox texts) and reports them together as one 400.
/// Declare every accepted name; <see cref="Validate"/> also rejects names the endpoint does not accept.
/// </summary>
public sealed class ParamReader(PveParameters parameters, IReadOnlyDictionary<string, string>? pathValues = null)
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);

    public PveParameters Parameters => parameters;

    /// <summary>Reads the request's parameters; <paramref name="pathValues"/> are the route values a body may repeat but not contradict.</summary>
    public static async Task<ParamReader> ReadAsync(HttpContext http, IReadOnlyDictionary<string, string>? pathValues = null) =>
        new(await PveParameters.ReadAsync(http.Request, http.RequestAborted), pathValues);

    public string? String(string name, bool required = false)
    {
        _accepted.Add(name);
        var value = parameters.Get(name);
        if (value is null && required)
        {
            _errors[name] = "property is missing and it is not optional";
        }
        return value;
    }

    public string RequiredString(string name) => String(name, required: true) ?? "";

    public long? Integer(string name, long? minimum = null, long? maximum = null, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _errors[name] = $"type check ('integer') failed - got '{text}'";
            return null;
        }
        if (minimum is { } min && value < min)
        {
            _errors[name] = $"value must have a minimum value of {min}";
        }
        else if (maximum is { } max && value > max)
        {
            _errors[name] = $"value must have a maximum value of {max}";
        }
        return value;
    }

    public bool? Boolean(string name)
    {
        var text = String(name);
        switch (text)
        {
            case null:
                return null;
            case "1" or "true" or "on" or "yes":
                return true;
            case "0" or "false" or "off" or "no":
                return false;
            default:
                _errors[name] = $"type check ('boolean') failed - got '{text}'";
                return null;
        }
    }

    public string? Enum(string name, IReadOnlyList<string> values, bool required = false)
    {
        var text = String(name, required);
        if (text is not null && !values.Contains(text))
        {
            _errors[name] = $"value '{text}' does not have a value in the enumeration '{string.Join(", ", values)}'";
        }
        return text;
    }

    /// <summary>Marks names as accepted without reading them (handled elsewhere, e.g. config keys).</summary>
    public void Accept(IEnumerable<string> names) => _accepted.UnionWith(names);

    public void AddError(string name, string message) => _errors[name] = message;

    /// <summary>Throws one <see cref="ValidationException"/> listing every bad or unknown parameter.</summary>
    public void Validate()
    {
        foreach (var name in parameters.Names)
        {
            if (pathValues is not null && pathValues.TryGetValue(name, out var pathValue))
            {
                if (parameters.Get(name) != pathValue)
                {
                    _errors[name] = "duplicate parameter (already defined in URI) with conflicting values!";
                }
                continue;
            }
            if (!_accepted.Contains(name))
            {
                _errors[name] = "property is not defined in schema and the schema does not allow additional properties";
            }
        }
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors);
        }
    }
}
