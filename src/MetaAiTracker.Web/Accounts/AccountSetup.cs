using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MetaAiTracker.Web.Accounts;

/// <summary>Identity in the tracker's own store, the sign-in cookie, the role policies and the sign-in endpoints.</summary>
public static class AccountSetup
{
    /// <summary>Accounts without the web: the command line's `users` verbs need the user manager and its rules.</summary>
    public static IServiceCollection AddTrackerAccounts(this IServiceCollection services)
    {
        // Identity's stores take a scoped context; each comes from the same pool as every other operation's.
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TrackerDbContext>>().CreateDbContext());
        services.AddIdentityCore<TrackerUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 6;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Names are checked by UserAdmin (letters of any script); Identity's default allows ASCII only.
                o.User.AllowedUserNameCharacters = "";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TrackerDbContext>()
            .AddPasswordValidator<NotTheNamePasswordValidator>();
        services.AddScoped<UserAdmin>();
        services.AddSingleton<FirstRunSetup>();
        return services;
    }

    public static WebApplicationBuilder AddTrackerSignIn(this WebApplicationBuilder builder, TrackerOptions options)
    {
        var services = builder.Services;
        // The accounts registered by AddTrackerAccounts, plus signing in (cookies) for the web.
        new IdentityBuilder(typeof(TrackerUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "tracker.auth";
            o.Cookie.HttpOnly = true;
            // Strict: no other site can make a signed-in browser send an editor's request. Secure whenever served over HTTPS.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            // The API answers 401/403; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = c => Api(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Api(c, StatusCodes.Status403Forbidden);
        });
        // A disabled account or a changed role ends open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        // While no account exists, the setup address (with its one-time token) is printed once the server listens.
        services.AddHostedService<SetupAnnouncer>();

        var read = new AuthorizationPolicyBuilder()
            .RequireAssertion(c => options.AnonymousRead || TrackerRoles.Allows(c.User, TrackerRoles.Analyst)).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(TrackerRoles.ReadPolicy, read)
            .AddPolicy(TrackerRoles.EditPolicy, p => p.RequireRole(TrackerRoles.AtLeast(TrackerRoles.Editor)))
            .AddPolicy(TrackerRoles.AdminPolicy, p => p.RequireRole(TrackerRoles.Admin))
            // Every page and endpoint needs at least read access unless it says otherwise (the sign-in page, static files).
            // A request no endpoint answers passes: nothing serves it but the not-found page, which a signed-out
            // visitor then sees in place of a sign-in form that would only lead to the same 404.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => options.AnonymousRead || TrackerRoles.Allows(c.User, TrackerRoles.Analyst) || c.Resource is HttpContext { } h && h.GetEndpoint() is null)
                .Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, LoggingAuthorizationResultHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationState>();
        return builder;

        static Task Api(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
        {
            if (!c.Request.Path.StartsWithSegments("/api")) c.Response.Redirect(c.RedirectUri);
            else c.Response.StatusCode = status;
            return Task.CompletedTask;
        }
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        // What an unknown name's password is checked against, hashed once by the app's own hasher (same cost as a real one).
        var noOne = new TrackerUser();
        string noOnesHash;
        using (var scope = app.Services.CreateScope())
            noOnesHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<TrackerUser>>().HashPassword(noOne, Guid.NewGuid().ToString());
        // Form posts: minimal APIs validate the anti-forgery token of a [FromForm] request before the handler runs.
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<TrackerUser> signIn, ILogger<SignInManager<TrackerUser>> logger) =>
        {
            var back = LocalPath(returnUrl);
            var name = userName?.Trim() ?? "";
            var user = name.Length > 0 ? await signIn.UserManager.FindByNameAsync(name) : null;
            string error;
            if (string.IsNullOrEmpty(password)) error = "credentials";
            else if (user is null)
            {
                // Hashing takes most of a sign-in's time: an unknown name costs one hash too, so time tells no name apart.
                signIn.UserManager.PasswordHasher.VerifyHashedPassword(noOne, noOnesHash, password);
                error = "credentials";
            }
            // A disabled account is also locked for ever, and the lockout check would answer before any hash: check the
            // password first, so only someone who knows it learns that the account is disabled.
            else if (user.Disabled) error = await signIn.UserManager.CheckPasswordAsync(user, password) ? "disabled" : "credentials";
            // Locked out likewise: Identity answers a locked account before hashing, fast and with "locked", which an
            // unknown name never gets; so a lock is only told to someone who knows the password.
            else if (await signIn.UserManager.IsLockedOutAsync(user))
                error = signIn.UserManager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? noOnesHash, password) != PasswordVerificationResult.Failed
                    ? "locked" : "credentials";
            else
            {
                var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    logger.LogInformation("{User} signed in", user.UserName);
                    return Results.LocalRedirect(back);
                }
                error = result.IsLockedOut ? "locked" : "credentials";
            }
            logger.LogWarning("Sign-in refused for {User} ({Reason})", name, error);
            return Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();
        app.MapPost("/account/logout", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<TrackerUser> signIn) =>
        {
            // No form field is bound here, so nothing enforces the token: check it, or any site's form could sign a user out.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            // A new stamp fails every cookie of this account at its next check (within a minute), a copied one too;
            // deleting this browser's cookie alone would leave a copy valid for 12 hours.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).AllowAnonymous();
    }

    /// <summary>
    /// Only a path on this site: never an open redirect, and only printable ASCII, as a Location header must be (a
    /// tab or newline made Kestrel throw, and browsers drop tabs, so "/\t/host" would have become "//host").
    /// </summary>
    public static string LocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//") && !url.StartsWith("/\\") && url.All(c => c is > ' ' and < '\x7f') ? url : "/";

    /// <summary>
    /// Content-Security-Policy and the usual hardening headers. Blazor Server needs its WebSocket (connect-src) and
    /// MudBlazor sets inline styles; no inline or remote script runs.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next(context);
    });
}

/// <summary>Logs every refused request with who asked for what, then answers as ASP.NET Core would.</summary>
public sealed class LoggingAuthorizationResultHandler(ILogger<LoggingAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden || (result.Challenged && context.User.Identity?.IsAuthenticated == true))
            logger.LogWarning("Refused {Method} {Path} for {User}: not allowed", context.Request.Method, context.Request.Path, TrackerRoles.NameOf(context.User));
        return _default.HandleAsync(next, context, policy, result);
    }
}
