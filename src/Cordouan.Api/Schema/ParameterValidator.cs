using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Api.Http;

namespace Cordouan.Api.Schema;

/// <summary>
/// Checks request parameters against a method's schema as <c>PVE::JSONSchema::check_prop</c> does, in its order and with its
/// texts: type, then format, pattern, maxLength, minLength, minimum/maximum (for numeric values), enum; missing required
/// parameters; and parameters the schema does not declare.
/// </summary>
public static partial class ParameterValidator
{
    public const string UnknownProperty = "property is not defined in schema and the schema does not allow additional properties";
    public const string MissingProperty = "property is missing and it is not optional";

    /// <param name="pathParameters">The values of the path's <c>{param}</c> segments.</param>
    /// <param name="extensions">Parameters Cordouan accepts beyond Proxmox's schema on this method.</param>
    public static Dictionary<string, string> Validate(
        ApiMethod method, PveParameters parameters, IReadOnlyDictionary<string, string> pathParameters, IReadOnlySet<string> extensions)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
        {
            if (name == "_dc" || pathParameters.ContainsKey(name) || extensions.Contains(name) || Find(method, name) is not null)
            {
                continue;
            }
            errors[name] = UnknownProperty;
        }
        foreach (var (name, parameter) in method.Parameters)
        {
            if (name.EndsWith("[n]", StringComparison.Ordinal))
            {
                continue;
            }
            IReadOnlyList<string> values = pathParameters.TryGetValue(name, out var fromPath) ? [fromPath] : parameters.GetAll(name);
            if (values.Count == 0)
            {
                if (!parameter.Optional && !CordouanExtensionParameters.StandsInFor(method, name, parameters))
                {
                    errors[name] = MissingProperty;
                }
                continue;
            }
            CheckValues(parameter, name, values, errors);
        }
        foreach (var name in parameters.Names)
        {
            if (!method.Parameters.ContainsKey(name) && !pathParameters.ContainsKey(name) && Find(method, name) is { } indexed)
            {
                CheckValues(indexed, name, parameters.GetAll(name), errors);
            }
        }
        return errors;
    }

    /// <summary>The error for one value, or null (Proxmox's <c>check_prop</c> on a scalar).</summary>
    public static string? Check(ApiParameter parameter, string value)
    {
        switch (parameter.Type)
        {
            case "boolean" when value is not ("0" or "1"):
                return $"type check ('boolean') failed - got '{value}'";
            case "integer" when !Integer().IsMatch(value):
                return $"type check ('integer') failed - got '{value}'";
            case "number" when !Number().IsMatch(value):
                return $"type check ('number') failed - got '{value}'";
            case "array":
                return null;
        }
        if (parameter.Format is { } format && format != "(object)" && PveFormats.Check(format, value) is { } problem)
        {
            return $"invalid format - {problem}";
        }
        if (parameter.Pattern is { } pattern && !Matches(pattern, value))
        {
            return "value does not match the regex pattern";
        }
        if (parameter.MaxLength is { } maxLength && value.Length > maxLength)
        {
            return $"value may only be {maxLength} characters long";
        }
        if (parameter.MinLength is { } minLength && value.Length < minLength)
        {
            return $"value must be at least {minLength} characters long";
        }
        if (Number().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (parameter.Maximum is { } max && number > max)
            {
                return $"value must have a maximum value of {Text(max)}";
            }
            if (parameter.Minimum is { } min && number < min)
            {
                return $"value must have a minimum value of {Text(min)}";
            }
        }
        if (parameter.Enum is { } values && !values.Contains(value))
        {
            return $"value '{value}' does not have a value in the enumeration '{string.Join(", ", values)}'";
        }
        return null;
    }

    private static void CheckValues(ApiParameter parameter, string name, IReadOnlyList<string> values, Dictionary<string, string> errors)
    {
        foreach (var value in values)
        {
            if (Check(parameter, value) is { } error)
            {
                errors[name] = error;
                return;
            }
        }
    }

    private static ApiParameter? Find(ApiMethod method, string name) =>
        method.Parameters.GetValueOrDefault(name)
        ?? (IndexedParameterNames.SchemaNameOf(name) is { } schemaName ? method.Parameters.GetValueOrDefault(schemaName) : null);

    private static bool Matches(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>is_integer</c>, with ASCII digits only.</summary>
    [GeneratedRegex(@"^[+-]?[0-9]+\z")]
    private static partial Regex Integer();

    /// <summary><c>is_number</c>, with ASCII digits only.</summary>
    [GeneratedRegex(@"^[+-]?(?:[0-9]+\.[0-9]+|[0-9]+\.|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?\z")]
    private static partial Regex Number();
}
