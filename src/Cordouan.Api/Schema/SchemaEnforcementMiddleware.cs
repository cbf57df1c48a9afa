using Cordouan.Access;
using Cordouan.Access.Users;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Schema;

/// <summary>
/// For every routed request whose method Proxmox declares (<see cref="PveApiSchema"/>), does what Proxmox's
/// <c>rest_handler</c> does before the handler runs, in its order: URI parameters repeated with another value (400), API
/// tokens on methods closed to them (403), the method's permission expression (403, <see cref="PermissionEvaluator"/>),
/// then the parameter schema (400, <see cref="ParameterValidator"/>). Handlers keep their own finer checks. Cordouan's own
/// methods (not in the facts) and unserved ones (the 501 fallback) pass through untouched.
/// </summary>
public sealed class SchemaEnforcementMiddleware(RequestDelegate next, PveApiSchema schema)
{
    public async Task InvokeAsync(HttpContext context, IAccessGuard guard, UserStore users)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<UnservedMethodMetadata>() is not null
            || schema.Match(context.Request.Method, context.Request.Path.Value ?? "") is not { } match)
        {
            await next(context);
            return;
        }
        var ct = context.RequestAborted;
        var parameters = await PveParameters.ReadAsync(context.Request, ct);
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
        {
            merged[name] = parameters.Get(name) ?? "";
        }
        foreach (var (name, value) in match.PathParameters)
        {
            if (merged.TryGetValue(name, out var repeated) && repeated != value)
            {
                throw new ValidationException(name, "duplicate parameter (already defined in URI) with conflicting values!");
            }
            merged[name] = value;
        }
        if (context.FindCaller() is { } caller)
        {
            if (caller.IsToken && !match.Method.AllowToken)
            {
                var relative = context.Request.Path.Value!["/api2/json".Length..];
                await PveResult.Error(StatusCodes.Status403Forbidden, $"URI '{relative}' not available with API token, need proper ticket.").ExecuteAsync(context);
                return;
            }
            var permission = CordouanPermissionOverrides.For(match.Method);
            var verdict = PermissionEvaluator.Evaluate(permission, caller.Name, merged, await AclViewAsync(caller, permission, merged, guard, users, ct));
            switch (verdict.Outcome)
            {
                case PermissionOutcome.Denied:
                    await PveResult.Error(StatusCodes.Status403Forbidden, verdict.Message!).ExecuteAsync(context);
                    return;
                case PermissionOutcome.InvalidUser:
                    throw new ValidationException("userid", verdict.Message!);
                case PermissionOutcome.NoSuchUser:
                    throw new NotFoundException(verdict.Message!);
            }
        }
        var errors = ParameterValidator.Validate(match.Method, parameters, match.PathParameters, CordouanExtensionParameters.For(match.Method));
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        await next(context);
    }

    private static async Task<IAclView> AclViewAsync(
        AccessIdentity caller, MethodPermission permission, Dictionary<string, string> parameters, IAccessGuard guard, UserStore users, CancellationToken ct)
    {
        var allows = permission.Mode == PermissionMode.Check && !caller.IsRoot
            ? await guard.ForCallerAsync(caller, ct)
            : static (_, _) => false;
        string? userId = null;
        IReadOnlyCollection<string>? groups = null;
        if (permission.Check is { } check && MentionsUser(check) && parameters.TryGetValue("userid", out var named) && PveFormats.IsUserId(named))
        {
            userId = named;
            groups = named == AccessIdentity.RootUserId ? [] : (await users.FindAsync(named, ct))?.Groups;
        }
        return new SchemaAclView(allows, userId, groups);
    }

    private static bool MentionsUser(PermissionCheck check) => check switch
    {
        UseridGroupCheck or UseridParamCheck => true,
        AndCheck and => and.Checks.Any(MentionsUser),
        OrCheck or => or.Checks.Any(MentionsUser),
        _ => false,
    };
}
