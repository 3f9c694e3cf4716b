using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Api;

namespace Vigil.Cli;

/// <summary><c>vigil keys create|list|revoke</c>: named API keys with a role, for programs and for people who prefer a key.</summary>
internal static class KeysCommand
{
    public static Command Create(CommandContext context) => new("keys", "Make, list and revoke the server's named API keys")
    {
        Make(context),
        List(context),
        Revoke(context),
    };

    private static Command Make(CommandContext context)
    {
        var role = RoleOption();
        var name = new Option<string>("--name") { Description = "Who or what holds the key (recorded as the actor of everything done with it)", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var json = CommandContext.JsonOption();
        var command = new Command("create", "Make a key with a role; the key is printed once and never stored") { role, name, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var created = await store.CreateKeyAsync(parse.GetValue(name)!, parse.GetValue(role), CommandContext.Actor, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(CreatedKeyResponse.From(created), WorkflowJson.Compact));
            }
            else
            {
                context.Out.WriteLine(created.Key);
                await context.Error.WriteLineAsync($"vigil: key {created.Info.Id} '{created.Info.Name}' ({WorkflowNames.Name(created.Info.Role)}) made; it is shown this once and cannot be recovered");
            }
            return 0;
        });
        return command;
    }

    private static Command List(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("list", "Every key, revoked ones too (never the keys themselves)") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var keys = await store.ListKeysAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(keys, WorkflowJson.Compact));
                return 0;
            }
            Tables.Write(context, ["id", "name", "role", "starts", "created", "by", "revoked"], keys.Select(k => (IReadOnlyList<string>)
                [k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Name, WorkflowNames.Name(k.Role), k.Prefix + "…", k.CreatedAt, k.CreatedBy, k.RevokedAt ?? ""]));
            return 0;
        });
        return command;
    }

    private static Command Revoke(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The key's id (vigil keys list)", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var command = new Command("revoke", "Revoke a key at once, with the web sessions opened with it") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var key = await store.RevokeKeyAsync(parse.GetValue(id), CommandContext.Actor, cancellationToken)
                ?? throw new KeyNotFoundException($"no key {parse.GetValue(id)} in use (vigil keys list)");
            context.Out.WriteLine($"key {key.Id} '{key.Name}' revoked");
            return 0;
        });
        return command;
    }

    public static Option<Role> RoleOption() => new("--role")
    {
        Description = "viewer, analyst, reviewer, admin or service",
        Required = true,
        CustomParser = r => OptionValues.Member<Role>(r) ?? default,
    };
}
