using System.CommandLine;
using Vigil.Core.Merge;
using Vigil.Core.Storage;

namespace Vigil.Cli;

/// <summary><c>vigil xref [--json]</c>, <c>vigil xref --accept A B</c>, <c>vigil xref --reject A B</c>: the same entity across lists.</summary>
internal static class XrefCommand
{
    public static Command Create(CommandContext context)
    {
        var accept = new Option<string[]>("--accept") { Description = "Link two records as one entity: --accept ID1 ID2", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var reject = new Option<string[]>("--reject") { Description = "Record that two records are different entities (retracts any link): --reject ID1 ID2", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var note = new Option<string?>("--note") { Description = "Why, for the audit trail" };
        var by = new Option<string>("--by") { Description = "Who decides (default: the user name)", DefaultValueFactory = _ => Environment.UserName, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var json = CommandContext.JsonOption();
        var command = new Command("xref", "Link the same entity across lists: automatic links under a strict rule, the rest listed for review")
        {
            accept, reject, note, by, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            if (parse.GetValue(accept) is { Length: 2 } a)
            {
                CrossListLinker.Accept(store, a[0], a[1], parse.GetValue(by)!, parse.GetValue(note));
                context.Out.WriteLine($"linked {a[0]} and {a[1]}");
                return Task.FromResult(0);
            }
            if (parse.GetValue(reject) is { Length: 2 } r)
            {
                CrossListLinker.Reject(store, r[0], r[1], parse.GetValue(by)!, parse.GetValue(note));
                context.Out.WriteLine($"recorded {r[0]} and {r[1]} as different entities");
                return Task.FromResult(0);
            }
            var run = Run(context, store, cancellationToken);
            if (parse.GetValue(json))
            {
                Json.Write(context.Out, new { linked = run.Linked, alreadyLinked = run.AlreadyLinked.Count, review = run.ForReview });
                return Task.FromResult(0);
            }
            context.Out.WriteLine($"{run.Linked.Count} new automatic links, {run.AlreadyLinked.Count} already linked, {run.ForReview.Count} candidates for review");
            foreach (var c in run.Linked)
            {
                context.Out.WriteLine($"  linked  {c.Left} = {c.Right}  ({c.LeftCaption} / {c.RightCaption}; {string.Join(", ", c.Evidence)})");
            }
            foreach (var c in run.ForReview)
            {
                context.Out.WriteLine($"  review  {c.Left} ? {c.Right}  ({c.LeftCaption} / {c.RightCaption}; {string.Join(", ", c.Evidence)})  -> vigil xref --accept {c.Left} {c.Right}");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The full pass takes tens of seconds on large lists, so it says where it is on the error stream.</summary>
    private static XrefRun Run(CommandContext context, VigilStore store, CancellationToken cancellationToken)
    {
        var last = "";
        var progress = new LineProgress(p =>
        {
            // A line per tenth of each stage: enough to see it move, few enough to read.
            var tenth = p.Total == 0 ? 10 : 10 * p.Done / p.Total;
            var key = p.Stage + tenth;
            if (key != last)
            {
                context.Error.WriteLine($"xref: {p.Stage}: {p.Done:N0} of {p.Total:N0} records");
                last = key;
            }
        });
        return CrossListLinker.Run(store, progress, cancellationToken);
    }

    /// <summary>Reports on the calling thread, so lines come out in order (<see cref="Progress{T}"/> posts them to the thread pool).</summary>
    private sealed class LineProgress(Action<LinkProgress> report) : IProgress<LinkProgress>
    {
        public void Report(LinkProgress value) => report(value);
    }
}
