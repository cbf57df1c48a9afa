namespace Cordouan.Access;

/// <summary>A document read from the cluster store with the mod revision to compare against when writing it back.</summary>
internal sealed record StoredDocument<T>(T Document, long ModRevision);
