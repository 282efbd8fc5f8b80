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
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (never from the command line)" };
        var add = new Command("add", "Add an account") { name, role, stdin, db };
        add.SetAction((parse, ct) => Run(store, parse.GetValue(db), ct, async admin =>
        {
            if (TrackerRoles.Parse(parse.GetValue(role)) is null) throw new AccountException($"unknown role '{parse.GetValue(role)}' (use {string.Join(", ", TrackerRoles.All)})");
            if (!parse.GetValue(stdin)) throw new AccountException("the password is read from standard input: add --password-stdin and pipe it in");
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password)) throw new AccountException("no password on standard input");
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
