using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>An open dashboard page loses its account's rights when an admin changes its role or disables it.</summary>
public class SessionTests
{
    [Fact]
    public async Task AChangedRoleOrADisabledAccountEndsAnOpenCircuitsSession()
    {
        await using var store = await TestStore.CreateAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrackerUser>>();
        var principals = new UserClaimsPrincipalFactory<TrackerUser, IdentityRole>(users, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>());
        var check = new RevalidatingAuthenticationState(NullLoggerFactory.Instance, store.Services.GetRequiredService<IServiceScopeFactory>(),
            scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>());
        await admin.AddAsync(UserAdmin.CommandLine, "huda", TrackerRoles.Editor, "a long passphrase 1");

        var session = await principals.CreateAsync((await users.FindByNameAsync("huda"))!);
        Assert.True(session.IsInRole(TrackerRoles.Editor));
        Assert.True(await check.StillValidAsync(session));

        await admin.SetRoleAsync(UserAdmin.CommandLine, "huda", TrackerRoles.Analyst);
        Assert.False(await check.StillValidAsync(session));

        var renewed = await principals.CreateAsync((await users.FindByNameAsync("huda"))!);
        Assert.True(await check.StillValidAsync(renewed));
        await admin.DisableAsync(UserAdmin.CommandLine, "huda");
        Assert.False(await check.StillValidAsync(renewed));
    }
}
