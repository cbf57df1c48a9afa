using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Source-generated JSON for the etcd v3 gateway: int64 travels as strings, bytes as base64.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
[JsonSerializable(typeof(RangeRequest))]
[JsonSerializable(typeof(RangeResponse))]
[JsonSerializable(typeof(TxnRequest))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseResponse))]
[JsonSerializable(typeof(StreamMessage<LeaseResponse>))]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(StreamMessage<WatchResponse>))]
[JsonSerializable(typeof(StatusRequest))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(MemberListRequest))]
[JsonSerializable(typeof(MemberAddRequest))]
[JsonSerializable(typeof(MemberRemoveRequest))]
[JsonSerializable(typeof(MemberListResponse))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;
