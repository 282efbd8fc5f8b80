using System.Security.Claims;
using MetaAiTracker.Web.Accounts;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>Signed-in principals as the cookie handler builds them (a name and one role), for service-level tests.</summary>
public static class People
{
    public static ClaimsPrincipal As(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public static readonly ClaimsPrincipal Analyst = As("amal", TrackerRoles.Analyst);
    public static readonly ClaimsPrincipal Editor = As("huda", TrackerRoles.Editor);
    public static readonly ClaimsPrincipal OtherEditor = As("karim", TrackerRoles.Editor);
    public static readonly ClaimsPrincipal Admin = As("nadia", TrackerRoles.Admin);
    public static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
}
