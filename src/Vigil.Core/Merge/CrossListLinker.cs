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

    public static XrefRun Run(VigilStore store, CancellationToken cancellationToken = default)
    {
        var corpus = ScreeningCorpus.Load(store);
        var decisions = store.LatestDecisions();
        var linked = new List<XrefCandidate>();
        var already = new List<XrefCandidate>();
        var review = new List<XrefCandidate>();
        foreach (var c in CrossListMatcher.Find(corpus, cancellationToken))
        {
            var decision = decisions.GetValueOrDefault((c.Left, c.Right));
            if (decision is "reject" or "undo")
            {
                continue;
            }
            if (c.Automatic || decision == "accept")
            {
                var evidence = JsonSerializer.Serialize(c.Evidence);
                (store.AddLink(c.Left, c.Right, c.Automatic ? MatchMethod : AnalystMethod, evidence) ? linked : already).Add(c);
            }
            else
            {
                review.Add(c);
            }
        }
        return new XrefRun(linked, already, review);
    }

    /// <summary>An analyst confirms two records are one entity.</summary>
    public static void Accept(VigilStore store, string left, string right, string by, string? note)
    {
        RequireKnown(store, left, right);
        store.Decide(left, right, "accept", by, note);
        store.AddLink(left, right, AnalystMethod, note is null ? null : JsonSerializer.Serialize(new[] { note }));
    }

    /// <summary>An analyst says two records are different entities: any link between them is retracted and never made again automatically.</summary>
    public static void Reject(VigilStore store, string left, string right, string by, string? note)
    {
        RequireKnown(store, left, right);
        store.Decide(left, right, "reject", by, note);
        store.RetractLinks(left, right);
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
