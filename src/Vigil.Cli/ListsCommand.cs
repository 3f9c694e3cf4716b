using System.CommandLine;
using System.Globalization;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil lists [--json]</c>: each source with its snapshots.</summary>
internal static class ListsCommand
{
    public static Command Create(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("lists", "Show each list source and its snapshots") { json };
        command.SetAction(parse =>
        {
            var lists = context.OpenStore(parse, StoreAccess.Existing).Lists();
            if (parse.GetValue(json))
            {
                Json.Write(context.Out, lists.Select(l => new
                {
                    source = l.Source,
                    snapshots = l.Snapshots.Select(s => new
                    {
                        id = s.Id,
                        published = s.Published,
                        imported = s.ImportedAt,
                        entities = s.Entities,
                        format = s.Format,
                        // The file as imported, full path included: this output stays on the machine that imported it.
                        origin = s.Origin,
                    }),
                }));
                return 0;
            }
            if (lists.Count == 0)
            {
                context.Out.WriteLine("No lists imported yet. Try: vigil import ../shared/data/un/consolidated.xml");
                return 0;
            }
            var rows = lists.SelectMany(l => l.Snapshots.Select(s => new[]
            {
                l.Source, s.Id.ToString(CultureInfo.InvariantCulture), s.Published ?? "-", s.ImportedAt, s.Entities.ToString("N0", CultureInfo.InvariantCulture), s.Format,
            }));
            Tables.Write(context, ["source", "snapshot", "published", "imported", "entities", "format"], rows);
            return 0;
        });
        return command;
    }
}
