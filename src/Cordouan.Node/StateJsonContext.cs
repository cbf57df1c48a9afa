using System.Text.Json.Serialization;
using Cordouan.Core.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;

namespace Cordouan.Node;

/// <summary>Source-generated JSON for documents stored in etcd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VmDocument))]
[JsonSerializable(typeof(TaskDocument))]
[JsonSerializable(typeof(StorageDefinition))]
[JsonSerializable(typeof(NodeDocument))]
[JsonSerializable(typeof(Cluster.ClusterDocument))]
public sealed partial class StateJsonContext : JsonSerializerContext;
