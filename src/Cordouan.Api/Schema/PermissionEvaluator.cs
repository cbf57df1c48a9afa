using Cordouan.Access;
using Cordouan.Access.Permissions;

namespace Cordouan.Api.Schema;

/// <summary>
/// Evaluates a method's permissions exactly as <c>PVE::RPCEnvironment::check_api2_permissions</c> and
/// <c>exec_api2_perm_check</c> do. Proxmox's subtleties kept on purpose: <c>and</c> runs its parts without <c>noerr</c>, so
/// the first failing part's own message is the answer; <c>or</c> fails with a bare "Permission check failed"; a part that
/// returns false without raising (<c>perm-modify</c> on a path that does not normalise) does not deny; <c>{param}</c>
/// placeholders missing or "0" become <c>-</c> (<c>template_replace</c>); root@pam (not its tokens) passes everything.
/// </summary>
public static class PermissionEvaluator
{
    /// <param name="username">Proxmox's username of the caller: <c>user@realm</c> or <c>user@realm!token</c>; null when unauthenticated.</param>
    /// <param name="parameters">Every request parameter, path parameters included (last value of each).</param>
    public static PermissionVerdict Evaluate(MethodPermission permission, string? username, IReadOnlyDictionary<string, string> parameters, IAclView acl)
    {
        if (username is null)
        {
            return permission.Mode == PermissionMode.World ? PermissionVerdict.Allowed : PermissionVerdict.Denied("user != null");
        }
        if (username == AccessIdentity.RootUserId)
        {
            return PermissionVerdict.Allowed;
        }
        switch (permission.Mode)
        {
            case PermissionMode.RootOnly:
                return PermissionVerdict.Denied("user != root@pam");
            case PermissionMode.World or PermissionMode.All:
                return PermissionVerdict.Allowed;
        }
        try
        {
            new Run(username, parameters, acl).Exec(permission.Check!, noerr: false);
            return PermissionVerdict.Allowed;
        }
        catch (CheckFailure failure)
        {
            return failure.Verdict;
        }
    }

    /// <summary><c>PVE::Tools::template_replace</c>: <c>{name}</c> becomes the parameter's value, or <c>-</c> when it is missing, empty or "0".</summary>
    public static string TemplateReplace(string template, IReadOnlyDictionary<string, string> parameters)
    {
        var result = new System.Text.StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }
            result.Append(template, i, open - i);
            var value = parameters.GetValueOrDefault(template[(open + 1)..close]);
            result.Append(string.IsNullOrEmpty(value) || value == "0" ? "-" : value);
            i = close + 1;
        }
        return result.ToString();
    }

    /// <summary><c>PVE::Tools::split_list</c>: NUL-separated if it holds a NUL, else separated by commas, semicolons and blanks.</summary>
    public static IReadOnlyList<string> SplitList(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        return text.Contains('\0', StringComparison.Ordinal)
            ? text.Split('\0')
            : text.Split([',', ';', ' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class CheckFailure(PermissionVerdict verdict) : Exception(verdict.Message)
    {
        public PermissionVerdict Verdict { get; } = verdict;
    }

    private sealed class Run(string username, IReadOnlyDictionary<string, string> parameters, IAclView acl)
    {
        public bool Exec(PermissionCheck check, bool noerr)
        {
            switch (check)
            {
                case AndCheck and:
                    foreach (var part in and.Checks)
                    {
                        Exec(part, noerr: false);
                    }
                    return true;
                case OrCheck or:
                    foreach (var part in or.Checks)
                    {
                        if (Exec(part, noerr: true))
                        {
                            return true;
                        }
                    }
                    return noerr ? false : throw Deny(null);
                case PathPermissionCheck perm:
                    if (perm.RequireParam is { } required && !parameters.ContainsKey(required))
                    {
                        return noerr ? false : throw Deny(null);
                    }
                    var path = TemplateReplace(perm.PathTemplate, parameters);
                    return CheckFull(AclPaths.Normalize(path), path, perm.Privileges, perm.Any, noerr);
                case UseridGroupCheck group:
                    return UseridGroup(group, noerr);
                case UseridParamCheck param:
                    return UseridParam(param, noerr);
                case PermModifyCheck modify:
                    var normalized = AclPaths.Normalize(TemplateReplace(modify.PathTemplate, parameters));
                    // Proxmox returns 0 here without raising, which check_api2_permissions does not treat as a denial.
                    return normalized is not null && CheckPermModify(normalized, noerr);
                default:
                    throw new InvalidOperationException($"unknown permission test {check.GetType().Name}");
            }
        }

        private bool UseridParam(UseridParamCheck check, bool noerr)
        {
            // verify_username($param->{userid}) runs without noerr: a malformed user name fails even inside 'or'.
            var userid = parameters.GetValueOrDefault("userid");
            if (!TryVerifyUsername(userid, out var realm, out var problem))
            {
                throw new CheckFailure(new PermissionVerdict(PermissionOutcome.InvalidUser, problem));
            }
            if (check.Subtest == UseridParamCheck.Self)
            {
                if (!UserExists(userid!, noerr))
                {
                    return false;
                }
                if (username == userid)
                {
                    return true;
                }
                return noerr ? false : throw Deny(null);
            }
            return Check($"/access/realm/{realm}", [UseridParamCheck.RealmAllocateUser], noerr);
        }

        private bool UseridGroup(UseridGroupCheck check, bool noerr)
        {
            var userid = parameters.GetValueOrDefault("userid");
            var checkExistingUser = check.GroupsParam != "create";
            if (checkExistingUser && !UserExists(userid, noerr))
            {
                return false;
            }
            if (CheckAny("/access/groups", check.Privileges, noerr: true))
            {
                return true;
            }
            bool Allowed(string group) => acl.GroupExists(group) && CheckAny($"/access/groups/{group}", check.Privileges, noerr: true);
            var privileges = string.Join('|', check.Privileges);
            if (check.GroupsParam is not null)
            {
                var named = SplitList(parameters.GetValueOrDefault("groups"));
                if (named.Count == 0)
                {
                    throw Deny($"/access/groups, {privileges}");
                }
                foreach (var group in named)
                {
                    if (!Allowed(group))
                    {
                        throw Deny($"/access/groups/{group}, {privileges}");
                    }
                }
            }
            if (checkExistingUser && !(acl.GroupsOf(userid!) ?? []).Any(Allowed))
            {
                return noerr ? false : throw Deny(null);
            }
            return true;
        }

        /// <summary><c>check_perm_modify</c>: Permissions.Modify, or the allocate privilege of the object the path names.</summary>
        private bool CheckPermModify(string path, bool noerr)
        {
            List<string> privileges = ["Permissions.Modify"];
            if (path.StartsWith("/storage/", StringComparison.Ordinal) && path.Length > "/storage/".Length)
            {
                privileges.Add("Datastore.Allocate");
            }
            else if (path.StartsWith("/vms/", StringComparison.Ordinal) && path.Length > "/vms/".Length)
            {
                privileges.Add("VM.Allocate");
            }
            else if (path.StartsWith("/pool/", StringComparison.Ordinal) && path.Length > "/pool/".Length)
            {
                privileges.Add("Pool.Allocate");
            }
            return CheckAny(path, privileges, noerr);
        }

        /// <summary><c>check_user_exist</c>: a malformed name or a missing user fails (not a permission error) unless <paramref name="noerr"/>.</summary>
        private bool UserExists(string? userid, bool noerr)
        {
            if (!TryVerifyUsername(userid, out _, out var problem))
            {
                return noerr ? false : throw new CheckFailure(new PermissionVerdict(PermissionOutcome.InvalidUser, problem));
            }
            if (acl.GroupsOf(userid!) is not null)
            {
                return true;
            }
            return noerr ? false : throw new CheckFailure(new PermissionVerdict(PermissionOutcome.NoSuchUser, $"no such user ('{userid}')"));
        }

        private bool CheckFull(string? path, string shownPath, IReadOnlyList<string> privileges, bool any, bool noerr) =>
            any ? CheckAny(path, privileges, noerr, shownPath) : Check(path, privileges, noerr, shownPath);

        private bool Check(string? path, IReadOnlyList<string> privileges, bool noerr, string? shownPath = null)
        {
            foreach (var privilege in privileges)
            {
                if (path is null || !acl.Has(path, privilege))
                {
                    return noerr ? false : throw Deny($"{path ?? shownPath}, {privilege}");
                }
            }
            return true;
        }

        private bool CheckAny(string? path, IReadOnlyList<string> privileges, bool noerr, string? shownPath = null)
        {
            if (path is not null && privileges.Any(p => acl.Has(path, p)))
            {
                return true;
            }
            return noerr ? false : throw Deny($"{path ?? shownPath}, {string.Join('|', privileges)}");
        }

        private static CheckFailure Deny(string? what) => new(PermissionVerdict.Denied(what));
    }

    /// <summary><c>PVE::Auth::Plugin::verify_username</c> with its error texts.</summary>
    private static bool TryVerifyUsername(string? userid, out string realm, out string problem)
    {
        realm = "";
        problem = "";
        userid ??= "";
        if (userid.Length < 3)
        {
            problem = $"user name '{userid}' is too short";
            return false;
        }
        if (userid.Length > 64)
        {
            problem = $"user name '{userid}' is too long ({userid.Length} > 64)";
            return false;
        }
        if (!PveFormats.IsUserId(userid))
        {
            problem = $"value '{userid}' does not look like a valid user name";
            return false;
        }
        realm = userid[(userid.LastIndexOf('@') + 1)..];
        return true;
    }
}
