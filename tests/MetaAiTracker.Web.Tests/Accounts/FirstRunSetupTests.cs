using MetaAiTracker.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Accounts;

/// <summary>First-run setup by token on a real SQLite store: the token, its one use, and one first admin only.</summary>
public class FirstRunSetupTests
{
    private const string Strong = "a long passphrase 2026";

    private static FirstRunSetup Setup(TestStore store) => store.Services.GetRequiredService<FirstRunSetup>();

    private static async Task<List<(string Name, string Role)>> AccountsAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      select new ValueTuple<string, string>(u.UserName!, r.Name!)).ToListAsync();
    }

    [Fact]
    public async Task TheTokenIsRandomUrlSafeAndCarries256Bits()
    {
        await using var store = await TestStore.CreateAsync();
        var first = await Setup(store).OfferAsync();
        var second = await Setup(store).OfferAsync();

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(first).Length);
        // A new offer (a restart) replaces the old token.
        Assert.Equal(SetupState.WrongToken, await Setup(store).CheckAsync(first));
        Assert.Equal(SetupState.Open, await Setup(store).CheckAsync(second));
    }

    [Fact]
    public async Task TheRightTokenCreatesOneAdminSignsNothingElseAndIsSpent()
    {
        await using var store = await TestStore.CreateAsync();
        var token = await Setup(store).OfferAsync();

        var made = await Setup(store).CreateAdminAsync(token, " هدى ", Strong, Strong);
        var reused = await Setup(store).CreateAdminAsync(token, "sara", Strong, Strong);

        Assert.True(made.Succeeded);
        Assert.Equal("هدى", made.Admin);
        Assert.Equal(SetupState.Done, reused.State);
        Assert.False(reused.Succeeded);
        Assert.Equal([("هدى", TrackerRoles.Admin)], await AccountsAsync(store));
        Assert.Equal(SetupState.Done, await Setup(store).CheckAsync(token));
        await using var db = await store.DbAsync();
        var audit = await db.Audit.SingleAsync();
        Assert.Equal(("setup", "user.add", "هدى"), (audit.UserName, audit.Action, audit.TargetId));
    }

    [Fact]
    public async Task AWrongOrMissingTokenIsRefusedAndCreatesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var token = await Setup(store).OfferAsync();

        Assert.Equal(SetupState.NoToken, await Setup(store).CheckAsync(null));
        Assert.Equal(SetupState.NoToken, await Setup(store).CheckAsync(""));
        Assert.Equal(SetupState.WrongToken, await Setup(store).CheckAsync(token![..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Equal(SetupState.WrongToken, (await Setup(store).CreateAdminAsync("guess", "huda", Strong, Strong)).State);
        Assert.Equal(SetupState.NoToken, (await Setup(store).CreateAdminAsync(null, "huda", Strong, Strong)).State);
        Assert.Empty(await AccountsAsync(store));
        // Refusals do not spend the real token.
        Assert.True((await Setup(store).CreateAdminAsync(token, "huda", Strong, Strong)).Succeeded);
    }

    [Fact]
    public async Task BeforeAnyOfferNoTokenOpensSetup()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(SetupState.WrongToken, await Setup(store).CheckAsync("anything"));
        Assert.Equal(SetupState.WrongToken, (await Setup(store).CreateAdminAsync("anything", "huda", Strong, Strong)).State);
        Assert.Empty(await AccountsAsync(store));
    }

    [Fact]
    public async Task OnceAnAccountExistsASecondAdminIsRefusedWhateverTheToken()
    {
        await using var store = await TestStore.CreateAsync();
        var token = await Setup(store).OfferAsync();
        // The first account came from the shell meanwhile.
        await using (var scope = store.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(UserAdmin.CommandLine, "huda", "Analyst", Strong);

        var second = await Setup(store).CreateAdminAsync(token, "sara", Strong, Strong);

        Assert.Equal(SetupState.Done, second.State);
        Assert.Equal([("huda", TrackerRoles.Analyst)], await AccountsAsync(store));
        Assert.Null(await Setup(store).OfferAsync());
        await using (var scope = store.Services.CreateAsyncScope())
        {
            var ex = await Assert.ThrowsAsync<AccountException>(() =>
                scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateFirstAdminAsync(FirstRunSetup.SetupActor, "sara", Strong));
            Assert.Contains("AccountsExist", ex.Codes);
        }
    }

    [Fact]
    public async Task RefusalsNameEveryBrokenRuleOfUsersAdd()
    {
        await using var store = await TestStore.CreateAsync();
        var token = await Setup(store).OfferAsync();

        Assert.Equal(["PasswordsDiffer"], (await Setup(store).CreateAdminAsync(token, "huda", Strong, Strong + "x")).Problems);
        Assert.Contains("PasswordTooShort", (await Setup(store).CreateAdminAsync(token, "huda", "short 1", "short 1")).Problems);
        Assert.Contains("PasswordRequiresDigit", (await Setup(store).CreateAdminAsync(token, "huda", "no digits in here", "no digits in here")).Problems);
        Assert.Equal(["PasswordContainsName"], (await Setup(store).CreateAdminAsync(token, "huda", "huda's passphrase 1", "huda's passphrase 1")).Problems);
        Assert.Equal(["NameInvalid"], (await Setup(store).CreateAdminAsync(token, "h", Strong, Strong)).Problems);
        Assert.Equal(["NameInvalid"], (await Setup(store).CreateAdminAsync(token, "huda al-<script>", Strong, Strong)).Problems);
        Assert.Empty(await AccountsAsync(store));
        Assert.True((await Setup(store).CreateAdminAsync(token, "huda", Strong, Strong)).Succeeded);
    }

    [Fact]
    public async Task ConcurrentSubmissionsMakeOneAdmin()
    {
        await using var store = await TestStore.CreateAsync();
        var token = await Setup(store).OfferAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Setup(store).CreateAdminAsync(token, $"admin{i}", Strong, Strong))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SetupState.Done, r.State));
        Assert.Single(await AccountsAsync(store));
    }

    [Fact]
    public async Task TheStoreTransactionAloneLetsOnlyOneFirstAdminThrough()
    {
        // Two processes (two dashboards, or the page and a script) share no lock in memory: only the store's write
        // transaction stands between them.
        await using var store = await TestStore.CreateAsync();
        using var start = new Barrier(2);
        var attempts = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            await using var scope = store.Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            start.SignalAndWait();
            try
            {
                await admin.CreateFirstAdminAsync(FirstRunSetup.SetupActor, $"admin{i}", Strong);
                return "made";
            }
            catch (AccountException ex) when (ex.Codes.Contains("AccountsExist"))
            {
                return "refused";
            }
        })).ToList();

        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(["made", "refused"], outcomes.Order());
        Assert.Single(await AccountsAsync(store));
    }

    [Theory]
    [InlineData("http://localhost:5000", "http://localhost:5000/setup?token=T")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/setup?token=T")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000/setup?token=T")]
    [InlineData("http://[::]:5000", "http://localhost:5000/setup?token=T")]
    [InlineData("http://*:5000", "http://localhost:5000/setup?token=T")]
    [InlineData("https://+:443", "https://localhost/setup?token=T")]
    public void TheSetupAddressUsesTheListeningAddress(string listening, string expected) =>
        Assert.Equal([expected], FirstRunSetup.Addresses([listening], "T"));
}
