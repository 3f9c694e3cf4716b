using System.CommandLine;
using System.Globalization;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil entity ID [--as-of DATE] [--json]</c>: the canonical entity with its referents and every value's source.</summary>
internal static class EntityCommand
{
    public static Command Create(CommandContext context)
    {
        var id = new Argument<string>("id") { Description = "A record id such as un-sc:QDi.372 or us-ofac-sdn:18634" };
        var asOf = new Option<string?>("--as-of") { Description = "Show the lists as they stood on this date (YYYY-MM-DD)" };
        var json = CommandContext.JsonOption();
        var command = new Command("entity", "Show an entity: all its list records, names, designations and statements with their sources") { id, asOf, json };
        command.SetAction(parse =>
        {
            DateOnly? date = null;
            if (parse.GetValue(asOf) is { } text)
            {
                date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw new FormatException($"--as-of: '{text}' is not a date in the form YYYY-MM-DD");
            }
            var entity = context.OpenStore(parse, StoreAccess.Existing).GetEntity(parse.GetValue(id)!, date)
                ?? throw new KeyNotFoundException($"no entity {parse.GetValue(id)}" + (date is null ? "" : $" as of {FormatDate(date.Value)}"));
            if (parse.GetValue(json))
            {
                Json.Write(context.Out, entity);
                return 0;
            }
            var o = context.Out;
            o.WriteLine($"{entity.Caption}  [{entity.Schema}]  {entity.Id}" + (entity.AsOf is null ? "" : $"  as of {entity.AsOf}"));
            o.WriteLine("referents:");
            foreach (var r in entity.Records)
            {
                var state = r.Listed ? "listed" : $"delisted (removed in snapshot {r.History[^1].RemovedIn?.Id})";
                o.WriteLine($"  {r.Id}  {state}; values from snapshot {r.Snapshot.Id} published {r.Snapshot.Published ?? "-"}");
            }
            o.WriteLine("names:");
            foreach (var n in entity.Names)
            {
                o.WriteLine($"  {n.Name}  ({n.Type}, {n.Script})  <- {n.Source}");
            }
            o.WriteLine("designations:");
            foreach (var d in entity.Designations)
            {
                o.WriteLine($"  {d.Program}  listed {d.ListedOn ?? "-"}  {d.Reference}  <- {d.Source}");
            }
            o.WriteLine("statements:");
            foreach (var group in entity.Statements.GroupBy(s => s.Property))
            {
                foreach (var s in group)
                {
                    o.WriteLine($"  {s.Property}: {s.Value}" + (s.Original is null ? "" : $"  (\"{s.Original}\")") + $"  <- {s.Source}@{s.Snapshot}");
                }
            }
            return 0;
        });
        return command;

        static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
