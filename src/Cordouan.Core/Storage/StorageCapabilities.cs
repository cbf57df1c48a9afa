namespace Cordouan.Core.Storage;

/// <summary>What a storage type can do; callers check this instead of the type name.</summary>
public sealed record StorageCapabilities(bool Shared, bool Snapshots, bool LinkedClones, bool Fencing, IReadOnlyList<string> Formats);
