using System.CommandLine;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil diff SOURCE [--from S] [--to S] [--json]</c>: new listings, delistings and amendments between two snapshots.</summary>
internal static class DiffCommand
{
    public static Command Create(CommandContext context)
    {
        var source = new Argument<string>("source") { Description = "Source id, e.g. un-sc" };
        var from = new Option<long?>("--from") { Description = "Older snapshot id (default: the one before --to)", CustomParser = OptionValues.SnapshotId };
        var to = new Option<long?>("--to") { Description = "Newer snapshot id (default: the latest)", CustomParser = OptionValues.SnapshotId };
        var json = CommandContext.JsonOption();
        var command = new Command("diff", "Show what changed between two snapshots of a list") { source, from, to, json };
        command.SetAction(parse =>
        {
            var diff = context.OpenStore(parse, StoreAccess.Existing).Diff(parse.GetValue(source)!, parse.GetValue(from), parse.GetValue(to));
            if (parse.GetValue(json))
            {
                Json.Write(context.Out, new
                {
                    source = diff.Source,
                    from = diff.From,
                    to = diff.To,
                    added = diff.Added,
                    removed = diff.Removed,
                    changed = diff.Changed.Select(c => new
                    {
                        id = c.Id,
                        changes = c.Changes.Select(p => new { property = p.Property, before = p.Before, after = p.After }),
                    }),
                });
                return 0;
            }
            var o = context.Out;
            o.WriteLine($"{diff.Source}: snapshot {diff.From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} -> {diff.To}: {diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Changed.Count} changed");
            foreach (var id in diff.Added)
            {
                o.WriteLine("+ " + id);
            }
            foreach (var id in diff.Removed)
            {
                o.WriteLine("- " + id);
            }
            foreach (var c in diff.Changed)
            {
                o.WriteLine("~ " + c.Id);
                foreach (var p in c.Changes)
                {
                    o.WriteLine($"    {p.Property}: [{string.Join(" | ", p.Before)}] -> [{string.Join(" | ", p.After)}]");
                }
            }
            return 0;
        });
        return command;
    }
}
