using System.Text.Json;
using System.Text.Json.Serialization;
using Cordouan.Platform.Files;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// How this node's etcd member joined its cluster, kept in DATA/membership.json. Absent on a node that founded its
/// own cluster (a fresh node, or after <c>cluster leave</c>): its member then starts as a new one-member cluster.
/// </summary>
public sealed record MembershipState
{
    public const string FileName = "membership.json";

    public required string ClusterName { get; init; }
    public required int NodeId { get; init; }
    /// <summary>etcd's <c>--initial-cluster</c> at the join (etcd reads it only while its data directory is empty).</summary>
    public required string InitialCluster { get; init; }
    public long JoinedAt { get; init; }

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static MembershipState? Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), MembershipJsonContext.Default.MembershipState)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid membership JSON ({e.Message}); restore it from a backup or remove the node from its cluster and re-join", e);
        }
    }

    public Task SaveAsync(string dataDirectory, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(PathIn(dataDirectory), JsonSerializer.SerializeToUtf8Bytes(this, MembershipJsonContext.Default.MembershipState), cancellationToken);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MembershipState))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;
