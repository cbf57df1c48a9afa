using Cordouan.Core.Errors;

namespace Cordouan.Access;

/// <summary>A login, ticket or API token was refused; deliberately says nothing about which part was wrong.</summary>
public sealed class AuthenticationFailedException() : CordouanException("authentication failure");
