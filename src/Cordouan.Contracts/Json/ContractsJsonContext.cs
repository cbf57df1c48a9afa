using System.Text.Json;
using System.Text.Json.Serialization;
using Cordouan.Contracts.Access;
using Cordouan.Contracts.Ceph;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Ha;
using Cordouan.Contracts.Nodes;
using Cordouan.Contracts.Qemu;
using Cordouan.Contracts.Storage;
using Cordouan.Contracts.Tasks;

namespace Cordouan.Contracts.Json;

/// <summary>Source-generated JSON metadata for the Proxmox-compatible wire types, tolerant of numbers sent as strings.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(FlexibleInt64Converter), typeof(FlexibleInt32Converter), typeof(FlexibleDoubleConverter), typeof(PveBooleanConverter)])]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(IReadOnlyList<ClusterStatusItem>))]
[JsonSerializable(typeof(IReadOnlyList<ClusterResource>))]
[JsonSerializable(typeof(IReadOnlyList<NodeItem>))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(NodeMaintenance))]
[JsonSerializable(typeof(IReadOnlyList<NetworkInterfaceItem>))]
[JsonSerializable(typeof(IReadOnlyList<NetworkLeaseItem>))]
[JsonSerializable(typeof(TaskStatusInfo))]
[JsonSerializable(typeof(IReadOnlyList<TaskLogLine>))]
[JsonSerializable(typeof(IReadOnlyList<TaskListItem>))]
[JsonSerializable(typeof(IReadOnlyList<VmListItem>))]
[JsonSerializable(typeof(VmStatus))]
[JsonSerializable(typeof(IReadOnlyList<SnapshotItem>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(IReadOnlyList<StorageItem>))]
[JsonSerializable(typeof(IReadOnlyList<StorageContentItem>))]
[JsonSerializable(typeof(IReadOnlyList<StorageConfigItem>))]
[JsonSerializable(typeof(CephStatus))]
[JsonSerializable(typeof(IReadOnlyList<CephPoolItem>))]
[JsonSerializable(typeof(IReadOnlyList<HaResourceItem>))]
[JsonSerializable(typeof(HaResourceItem))]
[JsonSerializable(typeof(IReadOnlyList<HaGroupItem>))]
[JsonSerializable(typeof(HaGroupItem))]
[JsonSerializable(typeof(IReadOnlyList<HaStatusItem>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
