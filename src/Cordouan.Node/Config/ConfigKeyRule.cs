namespace Cordouan.Node.Config;

/// <summary>The rule for one config key: its kind, bounds and enumeration.</summary>
public sealed record ConfigKeyRule(ConfigKeyKind Kind, long? Minimum = null, long? Maximum = null, IReadOnlyList<string>? Values = null);
