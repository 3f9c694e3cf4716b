using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Matching;
using Vigil.Matching.Scoring;
using Vigil.Matching.Screening;
using Vigil.Matching.Text;

namespace Vigil.Tests.Matching;

/// <summary>Invariants of the matcher, checked on generated names and against plain reference implementations.</summary>
public class MatchingPropertyTests
{
    private static readonly string[] Words =
    [
        "ahmad", "muhammad", "mohammed", "ali", "hassan", "khalimov", "halimov", "gulmurod", "ivan", "petrov", "olaf", "scholz",
        "maria", "garcia", "kim", "jong", "un", "abdul", "rahman", "bin", "al", "rawi", "smith", "john", "jon", "salimovich",
    ];

    private static Gen<string> NameGen =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(Words), n)).Select(w => string.Join(' ', w));

    private static Gen<string> LetterString =>
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray()), n)).Select(c => new string(c));

    [Property(MaxTest = 300)]
    public Property A_name_scores_one_against_itself() =>
        Prop.ForAll(NameGen.ToArbitrary(), name => NameMatcher.Compare(name, name, PartyKind.Person).Score == 1.0);

    [Property(MaxTest = 300)]
    public Property Person_scores_are_symmetric() =>
        Prop.ForAll(NameGen.ToArbitrary(), NameGen.ToArbitrary(), (a, b) =>
            Math.Abs(NameMatcher.Compare(a, b, PartyKind.Person).Score - NameMatcher.Compare(b, a, PartyKind.Person).Score) < 1e-9);

    [Property(MaxTest = 300)]
    public Property Scores_stay_within_zero_and_one() =>
        Prop.ForAll(NameGen.ToArbitrary(), NameGen.ToArbitrary(), (a, b) =>
        {
            var s = NameMatcher.Compare(a, b).Score;
            return s is >= 0 and <= 1;
        });

    [Property(MaxTest = 500)]
    public Property The_weighted_edit_distance_agrees_with_the_plain_reference() =>
        Prop.ForAll(LetterString.ToArbitrary(), LetterString.ToArbitrary(), (a, b) =>
            Math.Abs(WeightedEditDistance.Distance(a, b) - ReferenceEditDistance.Distance(a, b)) < 1e-9);

    // Few letters, so doubled letters, transpositions and cheap substitutions are common.
    private static Gen<string> LookalikeString =>
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("ahkqgsziyjo".ToCharArray()), n)).Select(c => new string(c));

    [Property(MaxTest = 1000)]
    public Property The_rolling_row_edit_distance_equals_the_full_matrix_to_the_last_bit() =>
        Prop.ForAll(Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), (a, b) =>
            WeightedEditDistance.Distance(a, b) == WeightedEditDistance.ReferenceDistance(a, b)
            && WeightedEditDistance.Distance(a, b) == ReferenceEditDistance.Distance(a, b));

    [Property(MaxTest = 1000)]
    public Property The_limited_edit_distance_is_exact_within_its_limit_and_over_it_beyond() =>
        Prop.ForAll(Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), Gen.Choose(0, 40).ToArbitrary(), (a, b, tenths) =>
        {
            var limit = tenths / 10.0;
            var exact = WeightedEditDistance.Distance(a, b);
            var limited = WeightedEditDistance.Distance(a, b, limit);
            return (exact <= limit ? limited == exact : limited > limit).Label($"'{a}' '{b}' limit {limit}: exact {exact}, limited {limited}");
        });

    [Property(MaxTest = 2000)]
    public Property The_letter_count_bound_never_exceeds_the_edit_distance() =>
        Prop.ForAll(Gen.OneOf(LetterString, LookalikeString, WrittenString).ToArbitrary(), Gen.OneOf(LetterString, LookalikeString, WrittenString).ToArbitrary(), (a, b) =>
            (WeightedEditDistance.LowerBound(a, b) <= WeightedEditDistance.Distance(a, b) + 1e-9).Label($"'{a}' '{b}': bound {WeightedEditDistance.LowerBound(a, b)}, distance {WeightedEditDistance.Distance(a, b)}"));

    // Written forms keep doubled letters, digits and letters no table folded.
    private static Gen<string> WrittenString =>
        Gen.Choose(0, 10).SelectMany(n => Gen.ArrayOf(Gen.Elements("aahhllmnrrxj0é".ToCharArray()), n)).Select(c => new string(c));

    [Property(MaxTest = 1000)]
    public Property The_similarity_test_agrees_with_the_similarity() =>
        Prop.ForAll(Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), Gen.OneOf(LetterString, LookalikeString).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (a, b, hundredths) =>
        {
            var minimum = hundredths / 100.0;
            return WeightedEditDistance.SimilarityAtLeast(a, b, minimum) == (WeightedEditDistance.Similarity(a, b) >= minimum);
        });

    // Joined runs from these meet tokens of every length, doubled letters, and skeletons of Arabic-script names.
    private static readonly string[] JoinableNames =
    [
        "abdul rahman", "abdulrahman", "abd al rahman", "abdelrahman", "muhammad ali", "muhammadali", "bin laden", "binladen",
        "عبد الرحمن", "عبدالرحمن", "محمد علي", "محمدعلي", "דוד לוי", "mc donald", "mcdonald", "de la cruz", "delacruz", "al qaida", "alqaeda", "ivan petrov",
    ];

    [Property(MaxTest = 1000)]
    public Property The_joined_run_length_test_never_rules_out_a_run_that_matches() =>
        Prop.ForAll(Gen.OneOf(Gen.Elements(JoinableNames), NameGen).ToArbitrary(), Gen.OneOf(Gen.Elements(JoinableNames), NameGen).ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (a, b, organization) =>
        {
            // The length sets may only skip the token-by-token test when it would find nothing.
            var side = NameAnalyzer.Analyze(a, organization);
            var other = NameAnalyzer.Analyze(b, organization);
            return side.SelectMany(s => other.Select(o => (s, o))).All(pair =>
                pair.s.Joined.MayMatch(pair.o.TokenLengths)
                || !pair.s.Joined.Runs.Any(r => pair.o.Tokens.Any(t => NameScorer.JoinedMatches(r.Joined, t))))
                .Label($"'{a}' against '{b}'");
        });

    [Fact]
    public void A_joined_run_meeting_an_unvowelled_spelling_of_another_length_passes_the_length_test()
    {
        // "abdulrahman" (11 letters) meets عبدالرحمن, romanised without its vowels, by consonant skeleton alone.
        var side = NameAnalyzer.Analyze("abdul rahman", organization: false)[0];
        var pairs = NameAnalyzer.Analyze("عبدالرحمن", organization: false)
            .Where(o => side.Joined.Runs.Any(r => o.Tokens.Any(t => NameScorer.JoinedMatches(r.Joined, t))))
            .ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, o => Assert.True(side.Joined.MayMatch(o.TokenLengths)));
    }

    private static readonly string[] BirthDates = ["1970-01-01", "1970-06-15", "1970", "1971", "1968/1972", "1970~"];

    // A query may give no date of birth or no country, and then earns no bonus for it.
    private static readonly string?[] QueriedBirthDates = [.. BirthDates, null, " "];
    private static readonly string?[] QueriedCountries = ["ru", "RU ", "de", null, ""];

    [Property(MaxTest = 2000)]
    public Property A_name_at_or_under_the_floor_never_reaches_the_cutoff_whatever_the_qualifiers() =>
        Prop.ForAll(
            Gen.Choose(0, 100).SelectMany(c => Gen.Choose(0, 1000).Select(share => (Cutoff: c, Share: share))).ToArbitrary(),
            Gen.Elements(QueriedBirthDates).SelectMany(q => Gen.Elements(BirthDates).SelectMany(l => Gen.Elements(QueriedCountries).Select(c => (Queried: q, Listed: l, Country: c)))).ToArbitrary(),
            Gen.Elements(PartyKind.Person, PartyKind.Unknown, PartyKind.Organization).SelectMany(k => Gen.Elements(true, false).Select(w => (Kind: k, Weak: w))).ToArbitrary(),
            (numbers, dates, party) =>
            {
                var (cutoffPercent, share) = numbers;
                var (queried, listed, country) = dates;
                var (kind, weak) = party;
                var cutoff = cutoffPercent / 100.0;
                var query = new ScreeningQuery("q", kind, queried, country);
                var floor = ScreeningIndex.NameFloor(cutoff, ScreeningIndex.QualifierBonuses(query));
                if (double.IsNegativeInfinity(floor))
                {
                    return true.ToProperty();
                }
                // From zero to the floor itself, the floor included.
                var score = floor * share / 1000.0;
                var name = NameComparison.Empty("q", "c") with { Score = score };
                var subject = new ScreeningSubject("s", PartyKind.Person, [new SubjectName("c", weak)], [listed], ["ru"], []);
                var options = new MatchOptions { Cutoff = cutoff, Threshold = Math.Min(1, cutoff + 0.1) };
                var result = ScreeningIndex.Qualify(query, subject, name, subject.Names[0], identifierHit: false, options).Score;
                var empty = ScreeningIndex.Qualify(query, subject, NameComparison.Empty("q", ""), new SubjectName(""), identifierHit: false, options).Score;
                return (result < cutoff && empty < cutoff).Label($"cutoff {cutoff}, name {score}: result {result}, empty {empty}");
            });

    [Property(MaxTest = 2000)]
    public Property A_floor_only_drops_comparisons_at_or_under_it_and_changes_no_other() =>
        Prop.ForAll(NameGen.ToArbitrary(), NameGen.ToArbitrary(), Gen.Choose(0, 201).ToArbitrary(), (a, b, choice) =>
        {
            var (hundredths, organization) = (choice % 101, choice > 100);
            // The bound that skips alignments under the floor must never skip one over it.
            var query = NameAnalyzer.Analyze(a, organization);
            var listed = NameAnalyzer.Analyze(b, organization);
            var floor = hundredths / 100.0;
            var full = NameScorer.Compare(query, listed);
            var floored = NameScorer.Compare(query, listed, null, new TokenSimilarityCache(), floor);
            var agrees = full.Score <= floor ? floored is null : floored is not null && floored.Score == full.Score && floored.Pairs.SequenceEqual(full.Pairs);
            return agrees.Label($"'{a}' vs '{b}', floor {floor}: full {full.Score}, floored {floored?.Score}");
        });

    [Property(MaxTest = 50)]
    public Property A_listed_name_always_finds_its_subject_through_the_index() =>
        Prop.ForAll(Gen.ArrayOf(NameGen, 30).ToArbitrary(), names =>
        {
            var subjects = names.Select((n, i) => new ScreeningSubject($"s{i}", PartyKind.Person, [new SubjectName(n)], [], [], [])).ToList();
            var index = ScreeningIndex.Build(subjects);
            var missed = subjects.Where(s =>
            {
                var results = index.Search(new ScreeningQuery(s.Names[0].Text, PartyKind.Person), new MatchOptions { Limit = 50 });
                return !results.Any(r => r.Subject.Id == s.Id && r.Match);
            }).Select(s => s.Names[0].Text).ToList();
            return (missed.Count == 0).Label("missed: " + string.Join(" | ", missed));
        });

    [Property(MaxTest = 30)]
    public Property The_index_ranks_like_scoring_every_subject_by_brute_force() =>
        Prop.ForAll(Gen.ArrayOf(NameGen, 25).ToArbitrary(), NameGen.ToArbitrary(), (names, query) =>
        {
            var subjects = names.Select((n, i) => new ScreeningSubject($"s{i}", PartyKind.Person, [new SubjectName(n)], [], [], [])).ToList();
            var index = ScreeningIndex.Build(subjects);
            var options = new MatchOptions { Limit = 100, Cutoff = 0.6 };
            var fromIndex = index.Search(new ScreeningQuery(query, PartyKind.Person), options).Select(r => (r.Subject.Id, r.Score)).ToHashSet();
            // Reference: every subject scored, no candidate generation.
            var bruteForce = subjects
                .Select(s => (s.Id, Score: NameMatcher.Compare(query, s.Names[0].Text, PartyKind.Person, index.Rarity).Score))
                .Where(r => r.Score >= options.Cutoff)
                .ToHashSet();
            return bruteForce.SetEquals(fromIndex).Label(
                $"query '{query}': index [{string.Join(", ", fromIndex)}] vs brute force [{string.Join(", ", bruteForce.Select(b => $"{b} {subjects.First(s => s.Id == b.Id).Names[0].Text}"))}]");
        });

    [Fact]
    public void The_index_keeps_a_name_that_a_run_of_query_tokens_joined_matches_within_a_slip()
    {
        // The scorer joins "salimovich un" into one token one slip from "salimovich", which covers both query tokens;
        // candidate generation credited only "salimovich" and dropped the name under the cutoff it scores over.
        string[] names =
        [
            "petrov petrov hassan", "rahman abdul", "un", "scholz garcia muhammad", "ahmad ali", "ahmad bin rahman un", "ivan",
            "hassan jong gulmurod", "salimovich", "scholz halimov", "abdul", "jong ali", "kim ahmad", "rahman",
            "mohammed rawi abdul scholz", "un olaf rawi mohammed", "maria", "khalimov salimovich petrov", "john",
            "ali petrov mohammed", "kim", "jong halimov jong un", "ivan", "rahman rawi", "ahmad",
        ];
        const string query = "bin salimovich un abdul";
        var subjects = names.Select((n, i) => new ScreeningSubject($"s{i}", PartyKind.Person, [new SubjectName(n)], [], [], [])).ToList();
        var index = ScreeningIndex.Build(subjects);
        // "salimovich" is a one-word name, which the query's unmatched "abdul" costs (SingleWordNameFactor): the cutoff
        // sits under its score so the joined run must still be found.
        var options = new MatchOptions { Limit = 100, Cutoff = 0.45 };

        var fromIndex = index.Search(new ScreeningQuery(query, PartyKind.Person), options).Select(r => (r.Subject.Id, r.Score)).Order().ToList();
        var bruteForce = subjects
            .Select(s => (s.Id, NameMatcher.Compare(query, s.Names[0].Text, PartyKind.Person, index.Rarity).Score))
            .Where(r => r.Score >= options.Cutoff)
            .Order()
            .ToList();

        Assert.Contains(bruteForce, r => r.Id == "s8");
        Assert.Equal(bruteForce, fromIndex);
    }

    /// <summary>The edit distance as a plain full matrix, written for obviousness rather than speed.</summary>
    private static class ReferenceEditDistance
    {
        public static double Distance(string a, string b)
        {
            var d = new double[a.Length + 1, b.Length + 1];
            for (var i = 1; i <= a.Length; i++)
            {
                d[i, 0] = d[i - 1, 0] + Insert(a, i - 1);
            }
            for (var j = 1; j <= b.Length; j++)
            {
                d[0, j] = d[0, j - 1] + Insert(b, j - 1);
            }
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var options = new List<double>
                    {
                        d[i - 1, j - 1] + Substitute(a[i - 1], b[j - 1]),
                        d[i - 1, j] + Insert(a, i - 1),
                        d[i, j - 1] + Insert(b, j - 1),
                    };
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        options.Add(d[i - 2, j - 2] + 0.6);
                    }
                    d[i, j] = options.Min();
                }
            }
            return d[a.Length, b.Length];
        }

        private static double Insert(string s, int i) =>
            i > 0 && s[i - 1] == s[i] ? 0.2 : s[i] == 'h' ? 0.4 : "aeiouy".Contains(s[i], StringComparison.Ordinal) ? 0.6 : 1.0;

        private static double Substitute(char x, char y)
        {
            if (x == y)
            {
                return 0;
            }
            if ("aeiouy".Contains(x, StringComparison.Ordinal) && "aeiouy".Contains(y, StringComparison.Ordinal))
            {
                return 0.5;
            }
            string[] groups = ["kqgc", "sz", "vwf", "dt", "bp", "iyj", "mn"];
            return groups.Any(g => g.Contains(x, StringComparison.Ordinal) && g.Contains(y, StringComparison.Ordinal)) ? 0.5 : 1.0;
        }
    }
}
