using System.Security.Claims;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Accounts;

/// <summary>
/// A dashboard page is a circuit that can stay open for hours, past the cookie checks of HTTP requests. Once a minute
/// this checks that the account still exists, is not disabled and has the same security stamp (a new role or a
/// disable changes it); otherwise the circuit's user becomes anonymous and the page sends it to the sign-in form.
/// </summary>
public sealed class RevalidatingAuthenticationState(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) => StillValidAsync(state.User);

    internal async Task<bool> StillValidAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrackerUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.Disabled) return false;
        return principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
