using System.Text.Json;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Core.Merge;

/// <summary>What one <c>vigil xref</c> run did: automatic links made, and candidates left for an analyst.</summary>
public sealed record XrefRun(IReadOnlyList<XrefCandidate> Linked, IReadOnlyList<XrefCandidate> AlreadyLinked, IReadOnlyList<XrefCandidate> ForReview);

/// <summary>
/// Applies <see cref="CrossListMatcher"/> to the store: automatic candidates become <c>match</c> links unless an analyst
/// rejected the pair; the rest wait for review. Analysts' accept, reject and undo decisions are stored with who and
/// when, and every link change is reversible (links are retracted, never deleted).
/// </summary>
public static class CrossListLinker
{
    public const string MatchMethod = "match";
    public const string AnalystMethod = "analyst";

    /// <summary>
    /// The full pass of <c>vigil xref</c>: the strict rule over every record (<see cref="AutomaticLinker"/>), then every
    /// entity's names searched against the other lists for the weaker candidates an analyst reviews.
    /// </summary>
    public static XrefRun Run(VigilStore store, IProgress<LinkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var automatic = LinkAutomatically(store, only: null, progress, cancellationToken);
        var decisions = store.LatestDecisions();
        var linked = automatic.Linked.ToList();
        var already = automatic.AlreadyLinked.ToList();
        var review = new List<XrefCandidate>();
        var done = automatic.Linked.Concat(automatic.AlreadyLinked).Select(c => (c.Left, c.Right)).ToHashSet();
        var corpus = ScreeningCorpus.Load(store);
        foreach (var c in CrossListMatcher.Find(corpus, progress, cancellationToken))
        {
            var decision = decisions.GetValueOrDefault((c.Left, c.Right));
            if (decision is "reject" or "undo" || done.Contains((c.Left, c.Right)))
            {
                continue;
            }
            if (decision == "accept")
            {
                (store.AddLink(c.Left, c.Right, AnalystMethod, JsonSerializer.Serialize(c.Evidence)) ? linked : already).Add(c);
            }
            else
            {
                // A candidate the search scores over the automatic line that the strict rule did not link (a name
                // that only reaches over the line with the lists' rarity weights) waits for an analyst.
                review.Add(c with { Automatic = false });
            }
        }
        return new XrefRun(linked, already, review);
    }

    /// <summary>
    /// Links the records an import added or changed to every other list by the strict rule: the step every import and
    /// update runs, so screening returns one entity per person without anyone running <c>vigil xref</c>.
    /// </summary>
    public static XrefRun LinkImported(VigilStore store, ImportResult import, CancellationToken cancellationToken = default)
    {
        if (import.Unchanged)
        {
            return new XrefRun([], [], []);
        }
        var changed = store.AddedOrChangedRecords(import.Snapshot).ToHashSet(StringComparer.Ordinal);
        return changed.Count == 0 ? new XrefRun([], [], []) : LinkAutomatically(store, changed, null, cancellationToken);
    }

    /// <summary>The strict rule over <paramref name="only"/> (every record when null) against every other list; pairs an analyst rejected stay apart.</summary>
    public static XrefRun LinkAutomatically(VigilStore store, IReadOnlySet<string>? only, IProgress<LinkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var records = AutomaticLinker.Load(store);
        var decisions = store.LatestDecisions();
        var candidates = AutomaticLinker.Find(records, only, progress, cancellationToken)
            .Where(c => decisions.GetValueOrDefault((c.Left, c.Right)) is not ("reject" or "undo"))
            .ToList();
        var added = store.AddLinks(candidates.Select(c => (c.Left, c.Right, (string?)JsonSerializer.Serialize(c.Evidence))), MatchMethod).ToHashSet();
        return new XrefRun(
            candidates.Where(c => added.Contains((c.Left, c.Right))).ToList(),
            candidates.Where(c => !added.Contains((c.Left, c.Right))).ToList(),
            []);
    }

    /// <summary>An analyst confirms two records are one entity.</summary>
    public static void Accept(VigilStore store, string left, string right, string by, string? note)
    {
        RequireKnown(store, left, right);
        store.DecideLink(left, right, accept: true, AnalystMethod, by, note, note is null ? null : JsonSerializer.Serialize(new[] { note }));
    }

    /// <summary>An analyst says two records are different entities: any link between them is retracted and never made again automatically.</summary>
    public static void Reject(VigilStore store, string left, string right, string by, string? note)
    {
        RequireKnown(store, left, right);
        store.DecideLink(left, right, accept: false, AnalystMethod, by, note, evidence: null);
    }

    /// <summary>Refuses a decision about a record no snapshot holds, or about a record and itself: it would be stored and never mean anything.</summary>
    private static void RequireKnown(VigilStore store, string left, string right)
    {
        if (left == right)
        {
            throw new ArgumentException($"{left} twice; give two different records");
        }
        foreach (var id in new[] { left, right })
        {
            if (store.GetEntity(id) is null)
            {
                throw new KeyNotFoundException($"no list record has the id {id}; nothing was recorded");
            }
        }
    }
}
