using System.Text.Json.Serialization;

namespace Cordouan.Access.Permissions;

/// <summary>What an ACL entry grants to (PVE's <c>type</c> field of <c>GET /access/acl</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AclSubjectType>))]
public enum AclSubjectType
{
    [JsonStringEnumMemberName("user")]
    User,

    [JsonStringEnumMemberName("group")]
    Group,

    [JsonStringEnumMemberName("token")]
    Token,
}
