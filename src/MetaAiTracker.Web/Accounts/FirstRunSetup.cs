using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Accounts;

/// <summary>Where the setup page stands for a given token.</summary>
public enum SetupState
{
    /// <summary>No account yet and the token is the one printed at start: the form may create the first admin.</summary>
    Open,
    /// <summary>No token in the address.</summary>
    NoToken,
    /// <summary>A token, but not the one printed at this start (an old one, a typo, a guess).</summary>
    WrongToken,
    /// <summary>An account exists: setup is over for good, whatever the token.</summary>
    Done,
}

/// <summary>What a setup submission came to: the new admin's name, or the state and the rules it broke.</summary>
public sealed record SetupResult(SetupState State, string? Admin, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Admin is not null;
}

/// <summary>
/// First-run setup by token, as Jenkins and Grafana do it: while the store has no account, each start of the
/// dashboard makes a random one-time token (256 bits, base64url) and prints the setup address with it to the
/// server's console (<see cref="SetupAnnouncer"/>). Whoever can read that console may create the first admin on
/// /setup. The token lives in this process's memory only, and only as its SHA-256: nothing to leak from the store or
/// a backup, and a restart prints a new one. It is spent when the first account is made; once any account exists
/// (made here or by `tracker users add`) setup refuses whatever token it is given.
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, IDbContextFactory<TrackerDbContext> dbFactory, ILogger<FirstRunSetup> logger)
{
    /// <summary>The audit's "who" for the first admin: the holder of the setup token.</summary>
    public static ClaimsPrincipal SetupActor { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "setup")], "setup"));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private byte[]? _tokenHash;

    /// <summary>A new token when the store has no account (any older one stops working), or null when setup is over.</summary>
    public async Task<string?> OfferAsync(CancellationToken ct = default)
    {
        if (await AnyAccountAsync(ct))
        {
            Spend();
            return null;
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        lock (_lock) _tokenHash = Hash(token);
        return token;
    }

    public async Task<SetupState> CheckAsync(string? token, CancellationToken ct = default)
    {
        if (await AnyAccountAsync(ct))
        {
            Spend();
            return SetupState.Done;
        }
        if (string.IsNullOrEmpty(token)) return SetupState.NoToken;
        byte[]? expected;
        lock (_lock) expected = _tokenHash;
        // Digests of equal length compared in constant time: the answer's timing says nothing about how much matched.
        return expected is not null && CryptographicOperations.FixedTimeEquals(expected, Hash(token)) ? SetupState.Open : SetupState.WrongToken;
    }

    /// <summary>
    /// Creates the first admin when <paramref name="token"/> is right and no account exists, with the rules of
    /// `tracker users add` (UserAdmin). One submission at a time here; the store's transaction settles the rest.
    /// </summary>
    public async Task<SetupResult> CreateAdminAsync(string? token, string name, string password, string confirm, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var state = await CheckAsync(token, ct);
            if (state != SetupState.Open)
            {
                if (state == SetupState.WrongToken) logger.LogWarning("Setup refused: the token is not the one printed at start");
                return new SetupResult(state, null, []);
            }
            if (password != confirm) return new SetupResult(state, null, ["PasswordsDiffer"]);
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateFirstAdminAsync(SetupActor, name, password, ct);
            }
            catch (AccountException ex) when (ex.Codes.Contains("AccountsExist"))
            {
                Spend();
                return new SetupResult(SetupState.Done, null, []);
            }
            catch (AccountException ex)
            {
                return new SetupResult(state, null, ex.Codes.Count > 0 ? ex.Codes : ["Other"]);
            }
            Spend();
            logger.LogInformation("Setup: created the first admin {Account}; the setup address no longer works", name.Trim());
            return new SetupResult(SetupState.Done, name.Trim(), []);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Spend()
    {
        lock (_lock) _tokenHash = null;
    }

    private async Task<bool> AnyAccountAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(ct);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The setup page's addresses for what the server listens on; a wildcard host (0.0.0.0, [::], *, +) reads as localhost.</summary>
    public static IEnumerable<string> Addresses(IEnumerable<string> listening, string token)
    {
        foreach (var address in listening)
        {
            var wildcard = address.Replace("://+", "://localhost").Replace("://*", "://localhost");
            if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri)) continue;
            var b = new UriBuilder(uri) { Path = "/setup", Query = "token=" + token };
            if (uri.Host is "0.0.0.0" or "[::]" or "::") b.Host = "localhost";
            yield return b.Uri.AbsoluteUri;
        }
    }
}

/// <summary>
/// Prints the setup address once the server listens (its real addresses known), when the store has no account yet.
/// A warning, so it shows whatever the log level, and stands out among the start-up lines.
/// </summary>
public sealed class SetupAnnouncer(FirstRunSetup setup, IServer server, ILogger<FirstRunSetup> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = await setup.OfferAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is StoreException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // A store that cannot be read says so on the first request too; starting the dashboard is not the place to fail.
            logger.LogWarning(ex, "Could not check whether an account exists; no setup address was made");
            return;
        }
        if (token is null) return;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in FirstRunSetup.Addresses(addresses, token))
            logger.LogWarning("No account exists yet. Create the first admin in the browser: open {SetupUrl} (it works once; a restart prints a new one). Or in a shell: {Command}",
                url, "./tracker users add NAME --role Admin");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
