namespace Cordouan.Api.Schema;

/// <summary>
/// Finds the method for a concrete path such as <c>/nodes/n1/qemu/100/status/start</c> among templates such as
/// <c>/nodes/{node}/qemu/{vmid}/status/start</c>: a trie of segments, where a literal segment is tried before a
/// <c>{param}</c> one (so <c>/cluster/config/nodes</c> never matches <c>/cluster/config/{x}</c> when the literal exists).
/// </summary>
public sealed class PathTemplateMatcher
{
    private readonly Node _root = new();

    public void Add(ApiMethod method)
    {
        var node = _root;
        foreach (var segment in Segments(method.PathTemplate))
        {
            if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
            {
                var name = segment[1..^1];
                node.Parameter ??= (name, new Node());
                if (node.Parameter.Value.Name != name)
                {
                    throw new InvalidOperationException($"{method.PathTemplate}: parameter {{{name}}} where another template has {{{node.Parameter.Value.Name}}}");
                }
                node = node.Parameter.Value.Child;
            }
            else
            {
                if (!node.Literals.TryGetValue(segment, out var child))
                {
                    node.Literals[segment] = child = new Node();
                }
                node = child;
            }
        }
        if (!node.Methods.TryAdd(method.HttpMethod, method))
        {
            throw new InvalidOperationException($"{method.HttpMethod} {method.PathTemplate} is declared twice");
        }
    }

    /// <summary>The method for <paramref name="path"/> (relative to <c>/api2/json</c>), or null.</summary>
    public ApiMethodMatch? Match(string httpMethod, string path)
    {
        var segments = Segments(path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var method = Walk(_root, segments, 0, httpMethod, values);
        return method is null ? null : new ApiMethodMatch(method, values);
    }

    private static ApiMethod? Walk(Node node, string[] segments, int index, string httpMethod, Dictionary<string, string> values)
    {
        if (index == segments.Length)
        {
            return node.Methods.GetValueOrDefault(httpMethod);
        }
        var segment = segments[index];
        if (node.Literals.TryGetValue(segment, out var literal) && Walk(literal, segments, index + 1, httpMethod, values) is { } found)
        {
            return found;
        }
        if (node.Parameter is var (name, child))
        {
            values[name] = segment;
            if (Walk(child, segments, index + 1, httpMethod, values) is { } viaParameter)
            {
                return viaParameter;
            }
            values.Remove(name);
        }
        return null;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private sealed class Node
    {
        public Dictionary<string, Node> Literals { get; } = new(StringComparer.Ordinal);

        public (string Name, Node Child)? Parameter { get; set; }

        public Dictionary<string, ApiMethod> Methods { get; } = new(StringComparer.Ordinal);
    }
}
