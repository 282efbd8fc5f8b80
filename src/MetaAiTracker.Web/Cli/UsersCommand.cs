using System.CommandLine;
using MetaAiTracker.Web.Accounts;

namespace MetaAiTracker.Web.Cli;

/// <summary>`tracker users add|list|set-role|disable`: accounts from the shell, so the first admin exists before anyone signs in.</summary>
public static class UsersCommand
{
    public static Command Create(Func<string?, CancellationToken, Task<ServiceProvider>> store, Func<Option<string?>> dbOption)
    {
        var users = new Command("users", "Manage sign-in accounts (roles: Analyst, Editor, Admin)");

        var db = dbOption();
        var name = new Argument<string>("NAME") { Description = "Account name" };
        var role = new Option<string>("--role") { Description = "Analyst, Editor or Admin", Required = true };
        // Accepted for scripts written before the password was asked for: standard input is read either way.
        var stdin = new Option<bool>("--password-stdin") { Description = "Accepted for compatibility: the password is always read from standard input (asked twice, not shown, on a terminal)" };
        var add = new Command("add", "Add an account; asks for the password on a terminal, or reads one line from standard input") { name, role, stdin, db };
        add.SetAction((parse, ct) => Run(store, parse.GetValue(db), ct, async admin =>
        {
            if (TrackerRoles.Parse(parse.GetValue(role)) is null) throw new AccountException($"unknown role '{parse.GetValue(role)}' (use {string.Join(", ", TrackerRoles.All)})");
            var password = await PasswordInput.ReadAsync(ct);
            await admin.AddAsync(UserAdmin.CommandLine, parse.GetValue(name)!, parse.GetValue(role)!, password);
            Console.WriteLine($"added {parse.GetValue(name)} ({TrackerRoles.Parse(parse.GetValue(role))})");
        }));
        users.Subcommands.Add(add);

        var listDb = dbOption();
        var list = new Command("list", "List accounts with their role and state") { listDb };
        list.SetAction((parse, ct) => Run(store, parse.GetValue(listDb), ct, async admin =>
        {
            foreach (var u in await admin.ListAsync(UserAdmin.CommandLine))
                Console.WriteLine($"{u.Name,-24} {u.Role,-8} {(u.Disabled ? "disabled" : u.LockedOut ? "locked" : "active"),-9} since {u.CreatedAt:yyyy-MM-dd}");
        }));
        users.Subcommands.Add(list);

        var setDb = dbOption();
        var setName = new Argument<string>("NAME");
        var setRole = new Argument<string>("ROLE") { Description = "Analyst, Editor or Admin" };
        var setRoleCmd = new Command("set-role", "Give an account another role") { setName, setRole, setDb };
        setRoleCmd.SetAction((parse, ct) => Run(store, parse.GetValue(setDb), ct, async admin =>
        {
            await admin.SetRoleAsync(UserAdmin.CommandLine, parse.GetValue(setName)!, parse.GetValue(setRole)!);
            Console.WriteLine($"{parse.GetValue(setName)} is now {TrackerRoles.Parse(parse.GetValue(setRole))}");
        }));
        users.Subcommands.Add(setRoleCmd);

        var disDb = dbOption();
        var disName = new Argument<string>("NAME");
        var disable = new Command("disable", "Disable an account (it is kept: the audit trail names it)") { disName, disDb };
        disable.SetAction((parse, ct) => Run(store, parse.GetValue(disDb), ct, async admin =>
        {
            await admin.DisableAsync(UserAdmin.CommandLine, parse.GetValue(disName)!);
            Console.WriteLine($"disabled {parse.GetValue(disName)}");
        }));
        users.Subcommands.Add(disable);
        return users;
    }

    private static async Task<int> Run(Func<string?, CancellationToken, Task<ServiceProvider>> store, string? database, CancellationToken ct, Func<UserAdmin, Task> action)
    {
        await using var sp = await store(database, ct);
        await using var scope = sp.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<UserAdmin>());
            return 0;
        }
        catch (AccountException ex)
        {
            Console.Error.WriteLine($"tracker users: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>
/// The password for `users add`, never from the command line (where `ps` and the shell history would keep it): on a
/// terminal it is asked for twice without echo; from a pipe or a file it is the first line of standard input.
/// </summary>
internal static class PasswordInput
{
    /// <summary>Whether standard input is a terminal. Tests that swap <see cref="Console.In"/> say it is not, or script keys.</summary>
    internal static Func<bool> IsTerminal { get; set; } = () => !Console.IsInputRedirected;

    /// <summary>One key, not echoed.</summary>
    internal static Func<ConsoleKeyInfo> ReadKey { get; set; } = () => Console.ReadKey(intercept: true);

    public static async Task<string> ReadAsync(CancellationToken ct)
    {
        if (!IsTerminal())
        {
            var line = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
            return string.IsNullOrEmpty(line) ? throw new AccountException("no password on standard input") : line;
        }
        // Prompts on standard error, so standard output keeps only the result.
        var first = Prompt("Password: ");
        if (first.Length == 0) throw new AccountException("no password given; nothing was changed");
        var again = Prompt("Password again: ");
        return first == again ? first : throw new AccountException("the two passwords differ; nothing was changed");
    }

    private static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var password = ReadMasked(ReadKey);
        Console.Error.WriteLine();
        return password;
    }

    /// <summary>Keys up to Enter: Backspace takes the last character back; other control keys are ignored.</summary>
    internal static string ReadMasked(Func<ConsoleKeyInfo> readKey)
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = readKey();
            if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n') return typed.ToString();
            if (key.Key == ConsoleKey.Backspace || key.KeyChar == '\b')
            {
                if (typed.Length > 0) typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
    }
}
