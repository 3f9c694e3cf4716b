using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil users add|list|disable</c>: the people who sign in to the web page, each with a role.</summary>
internal static class UsersCommand
{
    public static Command Create(CommandContext context) => new("users", "Add, list and disable the people who sign in to the web page")
    {
        Add(context),
        List(context),
        Disable(context),
    };

    private static Command Add(CommandContext context)
    {
        var login = new Argument<string>("login") { Description = "The sign-in name (letters, digits, . _ - @)" };
        var role = KeysCommand.RoleOption();
        var passwordFile = new Option<string?>("--password-file") { Description = "Read the password from this file's first line instead of asking", CustomParser = OptionValues.NonBlank };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input's first line instead of asking" };
        var command = new Command("add", $"Add a user with a role; the password (at least {Passwords.MinimumLength} characters) is asked for, or read from a file or standard input")
        {
            login, role, passwordFile, passwordStdin,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var password = parse.GetValue(passwordFile) is { } file
                ? (await File.ReadAllLinesAsync(file, cancellationToken)).FirstOrDefault() ?? ""
                : parse.GetValue(passwordStdin)
                    ? await Console.In.ReadLineAsync(cancellationToken) ?? ""
                    : Ask();
            var user = await store.AddUserAsync(parse.GetValue(login)!, parse.GetValue(role), password, CommandContext.Actor, cancellationToken);
            context.Out.WriteLine($"user {user.Login} ({WorkflowNames.Name(user.Role)}) added");
            return 0;
        });
        return command;
    }

    /// <summary>The password typed twice at the terminal, never echoed; refused when there is no terminal to type at.</summary>
    private static string Ask()
    {
        if (Console.IsInputRedirected)
        {
            throw new ArgumentException("no terminal to ask the password at: give --password-file FILE or --password-stdin");
        }
        var first = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        var second = AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret());
        return first == second ? first : throw new ArgumentException("password: the two entries differ");
    }

    private static Command List(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("list", "Every user, disabled ones too") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var users = await store.ListUsersAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(users, WorkflowJson.Compact));
                return 0;
            }
            Tables.Write(context, ["login", "role", "created", "by", "disabled"], users.Select(u => (IReadOnlyList<string>)
                [u.Login, WorkflowNames.Name(u.Role), u.CreatedAt, u.CreatedBy, u.DisabledAt ?? ""]));
            return 0;
        });
        return command;
    }

    private static Command Disable(CommandContext context)
    {
        var login = new Argument<string>("login") { Description = "The user's login" };
        var command = new Command("disable", "Stop a user signing in and end their sessions at once (their history stays)") { login };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var user = await store.DisableUserAsync(parse.GetValue(login)!, CommandContext.Actor, cancellationToken)
                ?? throw new KeyNotFoundException($"no active user '{parse.GetValue(login)}' (vigil users list)");
            context.Out.WriteLine($"user {user.Login} disabled");
            return 0;
        });
        return command;
    }
}
