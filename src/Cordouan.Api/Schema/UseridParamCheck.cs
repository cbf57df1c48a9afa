namespace Cordouan.Api.Schema;

/// <summary><c>['userid-param', 'self']</c> (the caller is the <c>userid</c> parameter) or <c>['userid-param', 'Realm.AllocateUser']</c> (that privilege on <c>/access/realm/&lt;its realm&gt;</c>).</summary>
public sealed record UseridParamCheck(string Subtest) : PermissionCheck
{
    public const string Self = "self";
    public const string RealmAllocateUser = "Realm.AllocateUser";
}
