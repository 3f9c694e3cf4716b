namespace Vigil.Core.Workflow;

/// <summary>
/// When a hit alerts (../shared/WORKFLOW.md, "When a hit alerts"): suppression is keyed on content, never on time.
/// A cleared pair stays quiet only while the subject's screened input, the material facts of the records the
/// decision saw, the set of records and the score band stay as the decision saw them.
/// </summary>
public static class AlertRules
{
    public static RuleVerdict Evaluate(PairFacts now, DecisionFacts? decision)
    {
        if (decision is null)
        {
            return new RuleVerdict(AlertKind.NewMatch, []);
        }
        if (decision.Expired)
        {
            return new RuleVerdict(AlertKind.PeriodicReview, Changes(now, decision));
        }
        var changes = Changes(now, decision);
        if (decision.Outcome == DecisionOutcome.TrueMatch)
        {
            // The block stands whatever else changed; only news about the listing itself is worth an analyst's look.
            return changes.Contains(AlertReason.EntityChanged) || changes.Contains(AlertReason.NewRecord)
                ? new RuleVerdict(AlertKind.UpdateOnConfirmed, [.. changes.Where(r => r is AlertReason.EntityChanged or AlertReason.NewRecord)])
                : RuleVerdict.Suppressed;
        }
        return changes.Count == 0 ? RuleVerdict.Suppressed : new RuleVerdict(AlertKind.ReReview, changes);
    }

    /// <summary>What differs between the pair now and what the decision saw, in a fixed order.</summary>
    public static IReadOnlyList<AlertReason> Changes(PairFacts now, DecisionFacts decision)
    {
        var seen = decision.Seen;
        var reasons = new List<AlertReason>(5);
        if (now.InputHash != seen.InputHash)
        {
            reasons.Add(AlertReason.SubjectChanged);
        }
        // Records the decision saw that are no longer in the hit (delisted, or unlinked) change nothing here: a
        // delisting is its own alert. Only the facts of records both sides hold are compared.
        if (seen.RecordFingerprints.Any(s => now.RecordFingerprints.TryGetValue(s.Key, out var fingerprint) && fingerprint != s.Value))
        {
            reasons.Add(AlertReason.EntityChanged);
        }
        if (now.RecordFingerprints.Keys.Any(r => !seen.RecordFingerprints.ContainsKey(r)))
        {
            reasons.Add(AlertReason.NewRecord);
        }
        if (decision.Relisted)
        {
            reasons.Add(AlertReason.Relisted);
        }
        if (now.Band > seen.Band)
        {
            reasons.Add(AlertReason.ScoreBandUp);
        }
        return reasons;
    }
}
