using System.Text.Json.Serialization;
using Cordouan.Access.Permissions;
using Cordouan.Access.Tickets;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;

namespace Cordouan.Access;

/// <summary>Source-generated JSON for the access documents kept in the cluster store.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserDocument))]
[JsonSerializable(typeof(TokenDocument))]
[JsonSerializable(typeof(AclDocument))]
[JsonSerializable(typeof(TicketKeyDocument))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
