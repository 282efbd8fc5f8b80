using System.Security.Claims;

namespace MetaAiTracker.Web.Accounts;

/// <summary>
/// The three roles, each including the one before: an Analyst reads, searches and exports; an Editor also adds
/// articles, tags, corrects and reviews; an Admin also manages accounts, themes and aliases. An account holds one role.
/// </summary>
public static class TrackerRoles
{
    public const string Analyst = "Analyst";
    public const string Editor = "Editor";
    public const string Admin = "Admin";
    public static readonly string[] All = [Analyst, Editor, Admin];

    /// <summary>Authorization policy names, used by pages ([Authorize(Policy = …)]) and endpoints alike.</summary>
    public const string ReadPolicy = "read";
    public const string EditPolicy = "edit";
    public const string AdminPolicy = "admin";

    /// <summary>The roles that satisfy <paramref name="required"/>.</summary>
    public static string[] AtLeast(string required) => required switch
    {
        Analyst => All,
        Editor => [Editor, Admin],
        Admin => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(required), required, "unknown role"),
    };

    public static bool Allows(ClaimsPrincipal user, string required) => AtLeast(required).Any(user.IsInRole);

    /// <summary>The role name as stored, from any casing; null when it is not one of the three.</summary>
    public static string? Parse(string? name) => All.FirstOrDefault(r => r.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : "anonymous";
}

/// <summary>An action the caller's role does not allow. The message names the action and the role it needs.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>
/// The service-side check every editor and admin action makes first, so the rule holds whatever calls the service
/// (a page, an HTTP endpoint, a test); a refusal is logged with who tried what.
/// </summary>
public static class Access
{
    public static void Require(ClaimsPrincipal user, string role, string action, ILogger logger)
    {
        if (TrackerRoles.Allows(user, role)) return;
        var name = TrackerRoles.NameOf(user);
        logger.LogWarning("Refused {Action} for {User}: it needs the {Role} role", action, name, role);
        throw new AccessDeniedException($"{name} may not {action}: it needs the {role} role");
    }
}
