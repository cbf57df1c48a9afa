using Cordouan.Access.Audit;
using Cordouan.Access.Bootstrap;
using Cordouan.Access.Permissions;
using Cordouan.Access.Realms;
using Cordouan.Access.Tickets;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the access-control services as singletons. Needs an <c>IClusterStore</c> and logging from the host;
    /// adds <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddCordouanAccess(this IServiceCollection services, AccessOptions? options = null)
    {
        var resolved = options ?? new AccessOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(resolved.PasswordHashIterations, 1, nameof(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(resolved);
        services.AddSingleton<RoleCatalog>();
        services.AddSingleton<AclStore>();
        services.AddSingleton<PermissionChecker>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<PamAuthenticator>();
        services.AddSingleton<TicketKeyStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SyslogSender>();
        services.AddSingleton<AuthenticationAudit>();
        services.AddSingleton<TicketService>();
        services.AddSingleton<AdminBootstrap>();
        return services;
    }
}
