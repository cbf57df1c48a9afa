namespace Cordouan.Api.Schema;

/// <summary>The outer shape of a method's <c>permissions</c> (<c>PVE::RPCEnvironment::check_api2_permissions</c>).</summary>
public enum PermissionMode
{
    /// <summary><c>user =&gt; 'world'</c>: anyone, even unauthenticated.</summary>
    World,

    /// <summary><c>user =&gt; 'all'</c>: any authenticated user; the handler checks the rest.</summary>
    All,

    /// <summary>No <c>permissions</c> (or neither user nor check): root@pam only.</summary>
    RootOnly,

    /// <summary>A <c>check</c> expression.</summary>
    Check,
}
