using System.Security.Claims;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Accounts;

public sealed record UserRow(string Name, string Role, bool Disabled, bool LockedOut, DateTimeOffset CreatedAt);

/// <summary>
/// A refused account change (weak password, taken name, unknown role…); the message says why in English (command line,
/// logs), <see cref="Phrase"/> says it in the reader's language for pages, and <see cref="Codes"/> names each rule
/// broken (Identity's error codes, e.g. PasswordTooShort, or NameInvalid, AccountsExist) for the setup page's own list.
/// </summary>
public sealed class AccountException(string message, params string[] codes) : Exception(message)
{
    public IReadOnlyList<string> Codes { get; } = codes;

    public Phrase? Phrase { get; private init; }

    public AccountException(Phrase phrase, params string[] codes) : this(phrase.ToString(), codes) => Phrase = phrase;
}

/// <summary>
/// Accounts for the command line (`tracker users …`) and the admin page: Identity's user manager does the hashing,
/// password rules and lockout; this adds the one-role rule, the admin check and the audit entry.
/// </summary>
public sealed class UserAdmin(UserManager<TrackerUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<TrackerDbContext> dbFactory,
    TrackerDbContext identityDb, TimeProvider clock, ILogger<UserAdmin> logger)
{
    /// <summary>The command line acts as an admin: whoever can run it can already read and write the database file.</summary>
    public static ClaimsPrincipal CommandLine { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "cli:" + Environment.UserName), new Claim(ClaimTypes.Role, TrackerRoles.Admin)], "cli"));

    public async Task AddAsync(ClaimsPrincipal actor, string name, string role, string password)
    {
        Access.Require(actor, TrackerRoles.Admin, "add accounts", logger);
        name = ValidName(name);
        role = TrackerRoles.Parse(role) ?? throw new AccountException(new Phrase("account.error.unknownRole", role, string.Join(", ", TrackerRoles.All)));
        if (await users.FindByNameAsync(name) is not null) throw new AccountException(new Phrase("account.error.exists", name));
        await EnsureRolesAsync();
        var user = new TrackerUser { UserName = name, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        Check(await users.CreateAsync(user, password), name);
        Check(await users.AddToRoleAsync(user, role), name);
        await AuditAsync(actor, "user.add", name, null, new { role });
    }

    /// <summary>
    /// The first admin, from the setup page (<see cref="FirstRunSetup"/>, which has checked the setup token): refused
    /// once any account exists. The check and the new account are one write transaction (BEGIN IMMEDIATE) on the
    /// context Identity's stores use, so two submissions, or the page and `tracker users add` in another process,
    /// cannot both find the store empty: the second waits for the first and is refused.
    /// </summary>
    public async Task CreateFirstAdminAsync(ClaimsPrincipal actor, string name, string password, CancellationToken ct = default)
    {
        name = ValidName(name);
        await using var tx = await identityDb.Database.BeginTransactionAsync(ct);
        if (await users.Users.AnyAsync(ct)) throw new AccountException("an account already exists: the first admin is made once", "AccountsExist");
        await EnsureRolesAsync();
        var user = new TrackerUser { UserName = name, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        Check(await users.CreateAsync(user, password), name);
        Check(await users.AddToRoleAsync(user, TrackerRoles.Admin), name);
        // In the same transaction: the audit writer's own context would wait for this one's write lock.
        Editing.AuditLog.Add(identityDb, actor, clock.GetUtcNow(), "user.add", "user", name, null, null, new { role = TrackerRoles.Admin, via = "setup" });
        await identityDb.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} user.add {Account} (the first admin)", TrackerRoles.NameOf(actor), name);
    }

    public async Task<List<UserRow>> ListAsync(ClaimsPrincipal actor)
    {
        Access.Require(actor, TrackerRoles.Admin, "list accounts", logger);
        var rows = new List<UserRow>();
        foreach (var u in await users.Users.OrderBy(u => u.UserName).ToListAsync())
            rows.Add(new UserRow(u.UserName!, (await users.GetRolesAsync(u)).FirstOrDefault() ?? "-", u.Disabled,
                !u.Disabled && u.LockoutEnd > clock.GetUtcNow(), u.CreatedAt));
        return rows;
    }

    public async Task SetRoleAsync(ClaimsPrincipal actor, string name, string role)
    {
        Access.Require(actor, TrackerRoles.Admin, "change roles", logger);
        role = TrackerRoles.Parse(role) ?? throw new AccountException(new Phrase("account.error.unknownRole", role, string.Join(", ", TrackerRoles.All)));
        var user = await FindAsync(name);
        var before = await users.GetRolesAsync(user);
        await EnsureRolesAsync();
        Check(await users.RemoveFromRolesAsync(user, before), name);
        Check(await users.AddToRoleAsync(user, role), name);
        // A new security stamp ends the account's sessions at their next check, so the new role applies at once.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.set-role", name, new { role = before.FirstOrDefault() }, new { role });
    }

    public async Task DisableAsync(ClaimsPrincipal actor, string name)
    {
        Access.Require(actor, TrackerRoles.Admin, "disable accounts", logger);
        var user = await FindAsync(name);
        if (user.Disabled) return;
        user.Disabled = true;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        Check(await users.UpdateAsync(user), name);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.disable", name, new { disabled = false }, new { disabled = true });
    }

    private async Task<TrackerUser> FindAsync(string name) =>
        await users.FindByNameAsync(name.Trim()) ?? throw new AccountException(new Phrase("account.error.noAccount", name));

    private async Task EnsureRolesAsync()
    {
        foreach (var r in TrackerRoles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
    }

    /// <summary>Letters (any script), digits and . _ - between 2 and 64 characters: a name that reads the same in logs and the audit.</summary>
    private static string ValidName(string name)
    {
        name = name.Trim();
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new AccountException(new Phrase("account.error.badName", name), "NameInvalid");
        return name;
    }

    private static void Check(IdentityResult result, string name)
    {
        if (!result.Succeeded)
            throw new AccountException(new Phrase("account.error.refused", name, new PhraseList([.. result.Errors.Select(IdentityWords)])), [.. result.Errors.Select(e => e.Code)]);
    }

    // Identity's codes for the rules this app sets (AccountSetup); any other keeps Identity's English description.
    private static Phrase IdentityWords(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" or "PasswordRequiresDigit" or "PasswordRequiresUniqueChars" or "PasswordContainsName" or "DuplicateUserName" or "InvalidUserName"
            => new("identity." + e.Code, e.Description),
        _ => new("identity.other", e.Description),
    };

    private async Task AuditAsync(ClaimsPrincipal actor, string action, string name, object? before, object? after)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        Editing.AuditLog.Add(db, actor, clock.GetUtcNow(), action, "user", name, null, before, after);
        await db.SaveChangesAsync();
        logger.LogInformation("{Actor} {Action} {Account}", TrackerRoles.NameOf(actor), action, name);
    }
}

/// <summary>Refuses a password that contains the account name: Identity's rules check length and variety only.</summary>
public sealed class NotTheNamePasswordValidator : IPasswordValidator<TrackerUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<TrackerUser> manager, TrackerUser user, string? password) =>
        Task.FromResult(password is not null && user.UserName is { Length: >= 2 } n && password.Contains(n, StringComparison.OrdinalIgnoreCase)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsName", Description = "Passwords must not contain the account name." })
            : IdentityResult.Success);
}
