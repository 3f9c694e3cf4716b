using Vigil.Core.Workflow;

namespace Vigil.Tests.Workflow;

/// <summary>
/// Every re-alert rule of ../shared/WORKFLOW.md, one row each: the facts a decision saw, the facts a later screening
/// finds, and what must come of it. Record fingerprints are made from real material facts, so the rows also prove
/// which listing changes count as material.
/// </summary>
public sealed class AlertRulesTests
{
    private const string Un = "un-sc:QDi.372";
    private const string Ofac = "us-ofac-sdn:20850";
    private const string Subject = "subject-input-hash-1";

    private static readonly MaterialFact[] Listed =
    [
        new("name", "GULMUROD KHALIMOV"),
        new("nationality", "tj"),
        new("birthPlace", "Varzob area, Tajikistan"),
        new("program", "Al-Qaida"),
        new("listingDate", "2016-02-29"),
        new("notes", "Syria-based military expert."),
        new("modifiedAt", "2020-11-24"),
    ];

    private static string Fingerprint(params MaterialFact[] facts) => RecordFacts.Create(Un, facts).Fingerprint;

    private static PairFacts Pair(string un, string hash = Subject, ScoreBand band = ScoreBand.Low, string? ofac = null)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal) { [Un] = un };
        if (ofac is not null)
        {
            records[Ofac] = ofac;
        }
        return new PairFacts(records, hash, band);
    }

    public static TheoryData<string, DecisionOutcome?, bool, bool, string, string, string?> Rows()
    {
        var seen = Fingerprint(Listed);
        return new TheoryData<string, DecisionOutcome?, bool, bool, string, string, string?>
        {
            // name, decision (null: none), expired, relisted, what the decision saw → what the screening finds, expected
            { "no decision: new match", null, false, false, "seen", "same", "new_match" },
            { "nothing changed: suppressed", DecisionOutcome.FalsePositive, false, false, "seen", "same", null },
            { "remarks and modification date reworded: suppressed", DecisionOutcome.FalsePositive, false, false, "seen", "remarks", null },
            { "a birth date added to the listing: entity_changed", DecisionOutcome.FalsePositive, false, false, "seen", "dob", "re_review:entity_changed" },
            { "the subject's name edited: subject_changed", DecisionOutcome.FalsePositive, false, false, "seen", "subject", "re_review:subject_changed" },
            { "another list now names the person: new_record", DecisionOutcome.FalsePositive, false, false, "seen", "ofac", "re_review:new_record" },
            { "a threshold or matcher change lifts the band: score_band_up", DecisionOutcome.FalsePositive, false, false, "seen", "band-up", "re_review:score_band_up" },
            { "a lower band: suppressed", DecisionOutcome.FalsePositive, false, false, "high", "same", null },
            { "the record left its list and came back: relisted", DecisionOutcome.FalsePositive, false, true, "seen", "same", "re_review:relisted" },
            { "an expired decision: periodic_review", DecisionOutcome.FalsePositive, true, false, "seen", "same", "periodic_review" },
            { "inconclusive, nothing changed: suppressed", DecisionOutcome.Inconclusive, false, false, "seen", "same", null },
            { "inconclusive, the listing changed: re_review", DecisionOutcome.Inconclusive, false, false, "seen", "dob", "re_review:entity_changed" },
            { "a true match, nothing changed: quiet, the block stands", DecisionOutcome.TrueMatch, false, false, "seen", "same", null },
            { "a true match whose subject changed: quiet", DecisionOutcome.TrueMatch, false, false, "seen", "subject", null },
            { "a true match whose listing changed: update_on_confirmed", DecisionOutcome.TrueMatch, false, false, "seen", "dob", "update_on_confirmed:entity_changed" },
            { "a true match another list now names: update_on_confirmed", DecisionOutcome.TrueMatch, false, false, "seen", "ofac", "update_on_confirmed:new_record" },
            { "several changes at once: every reason", DecisionOutcome.FalsePositive, false, false, "seen", "everything", "re_review:subject_changed,entity_changed,new_record,score_band_up" },
        };
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_screening_alerts_exactly_when_the_rules_say(string name, DecisionOutcome? outcome, bool expired, bool relisted, string before, string after, string? expected)
    {
        var seenFingerprint = Fingerprint(Listed);
        var decisionSaw = before == "high" ? Pair(seenFingerprint, band: ScoreBand.High) : Pair(seenFingerprint);
        var dob = Fingerprint([.. Listed, new MaterialFact("birthDate", "1975-05-14")]);
        var now = after switch
        {
            "same" => Pair(seenFingerprint),
            "remarks" => Pair(Fingerprint([.. Listed.Where(f => f.Property is not ("notes" or "modifiedAt")), new("notes", "Military expert based in Syria."), new("modifiedAt", "2025-08-22")])),
            "dob" => Pair(dob),
            "subject" => Pair(seenFingerprint, hash: "subject-input-hash-2"),
            "ofac" => Pair(seenFingerprint, ofac: "ofac-fingerprint"),
            "band-up" => Pair(seenFingerprint, band: ScoreBand.Medium),
            "everything" => Pair(dob, hash: "subject-input-hash-2", band: ScoreBand.High, ofac: "ofac-fingerprint"),
            _ => throw new ArgumentOutOfRangeException(nameof(after), after, name),
        };
        var decision = outcome is { } o ? new DecisionFacts(7, o, decisionSaw, expired, relisted) : null;

        var verdict = AlertRules.Evaluate(now, decision);

        var got = verdict.Kind is { } kind
            ? Snake(kind) + (verdict.Reasons.Count > 0 ? ":" + string.Join(",", verdict.Reasons.Select(Snake)) : "")
            : null;
        Assert.Equal(expected, got);
    }

    [Fact]
    public void The_material_diff_of_a_listing_names_the_birth_date_added_and_nothing_else()
    {
        var before = RecordFacts.Create(Un, Listed);
        var after = RecordFacts.Create(Un, [.. Listed.Where(f => f.Property != "notes"), new("notes", "Reworded."), new("birthDate", "1975-05-14")]);

        var change = Assert.Single(RecordFacts.Diff(before, after));

        Assert.Equal((Un, "birthDate"), (change.Record, change.Property));
        Assert.Equal(["1975-05-14"], change.Added);
        Assert.Empty(change.Removed);
    }

    [Fact]
    public void A_fingerprint_ignores_the_order_and_repetition_of_facts_but_not_their_values()
    {
        var reversed = Listed.Reverse().Concat(Listed.Take(2)).ToArray();

        Assert.Equal(Fingerprint(Listed), Fingerprint(reversed));
        Assert.NotEqual(Fingerprint(Listed), Fingerprint([.. Listed.Where(f => f.Property != "nationality"), new("nationality", "af")]));
    }

    private static string Snake<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
