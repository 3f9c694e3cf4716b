using System.Globalization;
using Vigil.Matching.Scoring;
using Vigil.Matching.Text;

namespace Vigil.Matching.Screening;

/// <summary>
/// The screening index: every subject's names analysed once, token rarity computed over all of them, and posting
/// lists by phonetic key, spelling class, consonant skeleton, joined adjacent tokens and symmetric deletes, so a
/// query finds its candidates in any spelling without a shared first letter. Immutable once built; safe to search
/// from many threads.
/// </summary>
public sealed class ScreeningIndex
{
    private readonly ScreeningSubject[] _subjects;
    private readonly IndexedName[] _names;
    private readonly int[][] _namesBySubject;
    // Each name's subject, apart from the name's record: candidate search reads it for thousands of names.
    private readonly int[] _subjectOfName;
    // Posting lists of name indexes: by phonetic key (indexed by the key's id in _tokens, so near keys found by the
    // symmetric-delete index need no further lookup), by spelling class, and by consonant skeleton.
    private readonly List<List<int>> _byFolded = [];
    private readonly Dictionary<string, List<int>> _byClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byLooseSkeleton = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _bySkeleton = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _identifiers = new(StringComparer.Ordinal);
    private readonly SymSpellIndex _tokens = new();
    private readonly TokenRarity _rarity;
    private readonly System.Collections.Concurrent.ConcurrentBag<SearchScratch> _scratch = [];
    private readonly Lazy<Dictionary<string, int>> _byId;

    private ScreeningIndex(ScreeningSubject[] subjects)
    {
        _subjects = subjects;
        _byId = new(() => Enumerable.Range(0, subjects.Length).ToDictionary(i => subjects[i].Id, StringComparer.Ordinal));
        var toAnalyze = new List<(int Subject, SubjectName Name, bool Organization)>();
        for (var s = 0; s < subjects.Length; s++)
        {
            var organization = NameMatcher.IsOrganizationLike(subjects[s].Kind);
            foreach (var n in subjects[s].Names.DistinctBy(n => (n.Text, n.Weak)))
            {
                toAnalyze.Add((s, n, organization));
            }
            foreach (var id in subjects[s].Identifiers)
            {
                var key = NormalizeIdentifier(id);
                if (key.Length >= CandidateKeys.MinimumIdentifierLength)
                {
                    Add(_identifiers, key, s);
                }
            }
        }
        // Analysis is pure and most of the build's work: every core takes a share, each name keeps its place.
        _names = new IndexedName[toAnalyze.Count];
        Parallel.For(0, toAnalyze.Count, i =>
        {
            var (subject, name, organization) = toAnalyze[i];
            _names[i] = new IndexedName(subject, name, NameAnalyzer.Analyze(name.Text, organization));
        });
        _subjectOfName = [.. _names.Select(n => n.Subject)];
        _namesBySubject = new int[subjects.Length][];
        foreach (var group in Enumerable.Range(0, _names.Length).GroupBy(i => _names[i].Subject))
        {
            _namesBySubject[group.Key] = [.. group];
        }
        for (var s = 0; s < subjects.Length; s++)
        {
            _namesBySubject[s] ??= [];
        }
        // Postings and the delete table read only the tokens' strings, which sharing leaves as they are: one core
        // builds them from the names as analysed while the other shares equal tokens and works out their weights.
        var analysed = (IndexedName[])_names.Clone();
        var posting = Task.Run(() =>
        {
            Post(analysed);
            _tokens.Seal();
        });
        ShareEqualTokens(_names);
        _rarity = TokenRarity.FromNames(_names.SelectMany(n => n.Forms.Take(1)).Select(f => f.Tokens));
        // What every search would otherwise work out on first meeting a name, worked out once here.
        var rarity = _rarity;
        Parallel.ForEach(_names, name =>
        {
            foreach (var form in name.Forms)
            {
                _ = form.WeightsFor(rarity);
            }
        });
        posting.GetAwaiter().GetResult();
    }

    // Every form's tokens into the posting lists and the delete index, under the index of the name they come from.
    private void Post(IndexedName[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var form in names[i].Forms)
            {
                var tokens = form.Tokens;
                for (var t = 0; t < tokens.Count; t++)
                {
                    // The keys are those a reverse lookup (CandidateKeys.OfListed) writes out: one definition for both.
                    var keys = CandidateKeys.Posted(tokens, t);
                    AddFolded(keys.Folded, i);
                    if (keys.Written is { } written)
                    {
                        // A slip can break what folding joins: Lakahl keeps its k while Lakhal folds to "lahal", two
                        // edits apart, yet as written they are one transposition apart. The written form is posted too.
                        AddFolded(written, i);
                    }
                    if (keys.Class is { } cls)
                    {
                        Add(_byClass, cls, i);
                    }
                    if (keys.Skeleton is { } skeleton)
                    {
                        Add(keys.LooseVowels ? _byLooseSkeleton : _bySkeleton, skeleton, i);
                    }
                    if (keys.Pair is { } pair)
                    {
                        // Abdul Rahman in the list meets Abdulrahman in the query.
                        AddFolded(pair, i);
                    }
                    if (keys.Triple is { } triple)
                    {
                        // A whole name typed without spaces (alexandervyacheslavovichzakharov) is one query token: the
                        // scorer matches it to the listed name's joined run of three, and this posting finds the name.
                        AddFolded(triple, i);
                    }
                }
            }
        }
    }

    public IReadOnlyList<ScreeningSubject> Subjects => _subjects;

    public int NameCount => _names.Length;

    public TokenRarity Rarity => _rarity;

    public static ScreeningIndex Build(IEnumerable<ScreeningSubject> subjects) => new([.. subjects]);

    /// <summary>Candidates for the query, fully scored with qualifiers, best first.</summary>
    public IReadOnlyList<ScreeningResult> Search(ScreeningQuery query, MatchOptions options)
    {
        var organization = NameMatcher.IsOrganizationLike(query.Kind);
        var forms = NameAnalyzer.Analyze(query.Name, organization);
        TokenSimilarityCache.Label(forms);
        var reading = QueryReading.Of(query);
        var byIdentifier = reading.Identifier is { } id && _identifiers.TryGetValue(id, out var hits) ? hits : [];

        // Working space for the search, one per concurrent search, reused: a search allocates nothing per candidate.
        var scratch = _scratch.TryTake(out var spare) ? spare : new SearchScratch(_subjects.Length, _names.Length);
        try
        {
            var bonuses = QualifierBonuses(reading);
            var candidates = Candidates(forms, options.CandidateLimit, options.Cutoff, scratch);
            var flat = scratch.CandidateNames;
            foreach (var s in byIdentifier)
            {
                if (!scratch.SubjectSlots[s].Chosen)
                {
                    scratch.SubjectSlots[s].Chosen = true;
                    candidates.Add((s, flat.Count, _namesBySubject[s].Length));
                    flat.AddRange(_namesBySubject[s]);
                }
            }
            var results = new List<ScreeningResult>();
            var floor = NameFloor(options.Cutoff, bonuses);
            var names = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(flat);
            foreach (var (s, start, count) in candidates)
            {
                var identifierHit = byIdentifier.Contains(s);
                var result = Score(query, reading, forms, s, names.Slice(start, count), identifierHit, options, scratch.Comparisons, identifierHit ? double.NegativeInfinity : floor);
                if (result is not null && result.Score >= options.Cutoff)
                {
                    results.Add(result);
                }
            }
            return Ranked(results, options.Limit);
        }
        finally
        {
            scratch.Reset();
            _scratch.Add(scratch);
        }
    }

    private static List<ScreeningResult> Ranked(List<ScreeningResult> results, int limit)
    {
        results.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Subject.Id, b.Subject.Id));
        return results.Count > limit ? results.GetRange(0, limit) : results;
    }

    /// <summary>
    /// Subjects whose names share evidence with the query, at most <paramref name="limit"/> of the most promising,
    /// each as a run of <see cref="SearchScratch.CandidateNames"/> holding those of its names that do, in index order.
    /// A name is dropped when even perfect similarity on every query token it touches could not lift its query
    /// coverage to <paramref name="cutoff"/>.
    /// </summary>
    private List<(int Subject, int Start, int Count)> Candidates(IReadOnlyList<AnalyzedName> forms, int limit, double cutoff, SearchScratch scratch)
    {
        // Per-name and per-subject sums in arrays over the whole index, left zeroed between searches: a common
        // token's postings run to thousands of names, too many for a dictionary update each.
        var slots = scratch.NameSlots;
        var subjectSlots = scratch.SubjectSlots;
        var hitNames = scratch.HitNames;
        var perNameNames = scratch.PerNameNames;
        foreach (var form in forms)
        {
            var tokens = form.Tokens;
            var total = 0.0;
            // A common token's postings are not walked (see Skips), and the coverage bound assumes every name has it.
            var skippedWeight = 0.0;
            var rarest = Rarest(tokens);
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                var weight = NameScorer.Weight(token, _rarity);
                total += weight;
                if (Skips(tokens, t, rarest))
                {
                    skippedWeight += weight;
                    continue;
                }
                // The keys are those a reverse lookup (CandidateKeys.OfQuery) writes out: one definition for both.
                var keys = CandidateKeys.Looked(tokens, t);
                _tokens.Near(keys.Folded, scratch.Near, scratch.NearSeen);
                foreach (var near in scratch.Near)
                {
                    Hit(slots, hitNames, _byFolded[near], _tokens.Token(near) == keys.Folded ? 1 : 0.7);
                }
                if (keys.Written is { } written)
                {
                    _tokens.Near(written, scratch.Near, scratch.NearSeen);
                    foreach (var near in scratch.Near)
                    {
                        Hit(slots, hitNames, _byFolded[near], _tokens.Token(near) == written ? 1 : 0.7);
                    }
                }
                if (keys.Class is { } cls && _byClass.TryGetValue(cls, out var byClass))
                {
                    Hit(slots, hitNames, byClass, 0.95);
                }
                if (keys.Skeleton is { } skeleton)
                {
                    if (_byLooseSkeleton.TryGetValue(skeleton, out var loose))
                    {
                        Hit(slots, hitNames, loose, 0.7);
                    }
                    if (keys.LooseVowels && _bySkeleton.TryGetValue(skeleton, out var latin))
                    {
                        Hit(slots, hitNames, latin, 0.7);
                    }
                }
                if (keys.Pair is { } pair && _tokens.IdOf(pair) is { } joinedId)
                {
                    Hit(slots, hitNames, _byFolded[joinedId], 1);
                    // A joined hit covers the next token too.
                    var next = NameScorer.Weight(tokens[t + 1], _rarity);
                    foreach (var n in _byFolded[joinedId])
                    {
                        slots[n].Touched += next;
                    }
                }
                // The scorer also joins a run of query tokens that is a slip or two from a listed token (Salimovich Un ↔
                // Salimovich): the run covers every token in it, so the names with a token near it are credited with all
                // for the coverage bound. They gain no rough evidence from it: a near spelling of a joined run is weak
                // evidence, and crediting it would push better candidates out of the few scored in full.
                foreach (var (start, run, joined) in form.Joined.Runs)
                {
                    if (start != t)
                    {
                        continue;
                    }
                    var rest = 0.0;
                    for (var k = start + 1; k < start + run; k++)
                    {
                        rest += NameScorer.Weight(tokens[k], _rarity);
                    }
                    _tokens.Near(joined.Folded, scratch.Near, scratch.NearSeen);
                    foreach (var near in scratch.Near)
                    {
                        foreach (var n in _byFolded[near])
                        {
                            ref var slot = ref slots[n];
                            if (slot.Hit == 0 && !slot.JoinedOnly)
                            {
                                slot.JoinedOnly = true;
                                hitNames.Add(n);
                            }
                            slot.Touched += rest;
                        }
                    }
                }
                foreach (var n in hitNames)
                {
                    ref var slot = ref slots[n];
                    if (!slot.Scored)
                    {
                        slot.Scored = true;
                        perNameNames.Add(n);
                    }
                    slot.Evidence += slot.Hit * weight;
                    slot.Touched += weight;
                    slot.Hit = 0;
                    slot.JoinedOnly = false;
                }
                hitNames.Clear();
            }
            foreach (var n in perNameNames)
            {
                ref var slot = ref slots[n];
                var score = slot.Evidence;
                var covered = Math.Min(total, slot.Touched + skippedWeight);
                var bound = covered / (covered + (MatchDefaults.ExtraTokenShare * (total - covered)));
                // Qualifiers can still add their bonuses to a name that scores under the cutoff by itself, and a run of
                // query tokens joined may meet a listed token beyond the delete distance (Yang Jie Yi ↔ Yingjie), which
                // no hit above credits: the bonuses' margin is kept for a bare name too.
                if (bound < cutoff - MatchDefaults.BirthDateExactBonus - MatchDefaults.CountryBonus)
                {
                    continue;
                }
                var s = _subjectOfName[n];
                ref var subject = ref subjectSlots[s];
                if (!subject.Seen)
                {
                    subject.Seen = true;
                    subject.Rough = score;
                    scratch.Subjects.Add(s);
                }
                else if (subject.Rough < score)
                {
                    subject.Rough = score;
                }
                if (!slot.Kept)
                {
                    slot.Kept = true;
                    scratch.KeptNames.Add(n);
                }
            }
            foreach (var n in perNameNames)
            {
                ref var slot = ref slots[n];
                slot.Evidence = 0;
                slot.Touched = 0;
                slot.Scored = false;
            }
            perNameNames.Clear();
        }
        // The most promising subjects: highest rough score first, ties to the lower index. A bounded insertion keeps
        // the best few without sorting the thousands a common name reaches.
        var top = scratch.Top;
        foreach (var s in scratch.Subjects)
        {
            if (limit <= 0)
            {
                break;
            }
            if (top.Count == limit && !Before(s, top[^1]))
            {
                continue;
            }
            var at = top.Count;
            while (at > 0 && Before(s, top[at - 1]))
            {
                at--;
            }
            if (top.Count == limit)
            {
                top.RemoveAt(top.Count - 1);
            }
            top.Insert(at, s);
        }
        foreach (var s in top)
        {
            subjectSlots[s].Chosen = true;
        }
        // The chosen subjects' names in index order, where each subject's names lie together (names are indexed
        // subject by subject).
        var flat = scratch.CandidateNames;
        foreach (var n in scratch.KeptNames)
        {
            if (subjectSlots[_subjectOfName[n]].Chosen)
            {
                flat.Add(n);
            }
        }
        flat.Sort();
        var candidates = scratch.Candidates;
        for (var k = 0; k < flat.Count; k++)
        {
            var s = _subjectOfName[flat[k]];
            if (candidates.Count > 0 && candidates[^1].Subject == s)
            {
                candidates[^1] = candidates[^1] with { Count = candidates[^1].Count + 1 };
            }
            else
            {
                candidates.Add((s, k, 1));
            }
        }
        return candidates;

        // Whether subject a ranks before b: higher rough score, ties to the lower index.
        bool Before(int a, int b) => subjectSlots[a].Rough > subjectSlots[b].Rough || (subjectSlots[a].Rough == subjectSlots[b].Rough && a < b);
    }

    /// <summary>
    /// The name score at or under which a subject cannot be returned at <paramref name="cutoff"/> unless an identifier
    /// matches, so its names need not be explained; negative infinity when there is no such score.
    /// </summary>
    /// <remarks>
    /// Without an identifier hit, <see cref="Qualify"/> starts from the name score s and adds at most one date-of-birth
    /// bonus and one country bonus (each min(1, score + bonus)), and only for a query with that qualifier, so at most
    /// <paramref name="bonuses"/> (see <see cref="QualifierBonuses(ScreeningQuery)"/>); every other step multiplies by a factor under 1 or
    /// lowers the score to a cap under the threshold it has reached; the final rounding to four places adds at most
    /// 0.00005. So the result is at most s + the largest bonuses + 0.00005, under the cutoff when s is at or under the
    /// floor, with 0.001 to spare for floating-point error. A subject all of whose names are at or under the floor
    /// is therefore dropped whichever name is kept, and so is the empty comparison kept instead (score 0, and the floor
    /// is positive). A subject with a name over the floor keeps the same name as without it: names and readings
    /// replace the best only when strictly better, so the first to reach the best score, which is over the floor,
    /// is kept either way.
    /// </remarks>
    internal static double NameFloor(double cutoff, double bonuses)
    {
        var floor = cutoff - bonuses - 0.001;
        return floor > 0 ? floor : double.NegativeInfinity;
    }

    /// <summary>
    /// The most the query's qualifiers can add to a name score: a date-of-birth bonus needs a date of birth and a
    /// country bonus a country, each one screening reads, so a bare name gets none, and its candidates must reach the
    /// cutoff on the name alone.
    /// </summary>
    internal static double QualifierBonuses(ScreeningQuery query) => QualifierBonuses(QueryReading.Of(query));

    private static double QualifierBonuses(QueryReading reading) =>
        (reading.BirthDate is null ? 0 : Math.Max(MatchDefaults.BirthDateExactBonus, Math.Max(MatchDefaults.BirthDateYearBonus, MatchDefaults.BirthDateNearBonus)))
        + (reading.Country is null ? 0 : MatchDefaults.CountryBonus);

    /// <summary>The subject's result, or null when no name is over <paramref name="nameFloor"/> and so none could reach the cutoff.</summary>
    private ScreeningResult? Score(ScreeningQuery query, QueryReading reading, IReadOnlyList<AnalyzedName> forms, int subjectIndex, ReadOnlySpan<int> names, bool identifierHit, MatchOptions options, TokenSimilarityCache comparisons, double nameFloor)
    {
        var subject = _subjects[subjectIndex];
        NameComparison? best = null;
        SubjectName? bestName = null;
        foreach (var n in names)
        {
            var name = _names[n];
            // A strong alias wins a tie with a weak one: weak aliases corroborate, they do not lead. Any other name must
            // score strictly higher to replace the best, so nothing at or below the floor needs explaining.
            var floor = best is null ? nameFloor : bestName!.Weak && !name.Name.Weak ? Math.BitDecrement(best.Score) : best.Score;
            if (floor >= 1)
            {
                // No score is over 1: the best cannot be replaced, so the rest of the names need not be compared.
                continue;
            }
            if (NameScorer.Compare(forms, name.Forms, _rarity, comparisons, floor) is { } comparison)
            {
                best = comparison;
                bestName = name.Name;
            }
        }
        if (best is null && !double.IsNegativeInfinity(nameFloor))
        {
            // The qualifiers would be worked out and explained only for a result under the cutoff (see NameFloor).
            return null;
        }
        best ??= NameComparison.Empty(query.Name, "");
        bestName ??= new SubjectName("");
        return Qualify(query, subject, best, bestName, identifierHit, options, reading);
    }

    /// <summary>
    /// Applies the facts beside the name: identifiers, date of birth, country, kind of party, weak alias. A value
    /// screening cannot read, the query's or the list's, counts neither way and is named in the explanation.
    /// </summary>
    /// <param name="reading">The query's qualifiers as read (<see cref="QueryReading.Of"/>), when the search has them already.</param>
    internal static ScreeningResult Qualify(ScreeningQuery query, ScreeningSubject subject, NameComparison name, SubjectName matched, bool identifierHit, MatchOptions options, QueryReading? reading = null)
    {
        reading ??= QueryReading.Of(query);
        var ignored = reading.Ignored;
        var effects = new List<QualifierEffect>();
        var score = name.Score;
        var steps = new List<string> { F(score) + " name" };

        if (identifierHit)
        {
            var before = score;
            score = Math.Max(score, MatchDefaults.IdentifierScore);
            effects.Add(new QualifierEffect(Qualifiers.Identifier, query.Identifier, subject.Identifiers.FirstOrDefault(i => NormalizeIdentifier(i) == NormalizeIdentifier(query.Identifier!)), "same identifier", $"max({F(before)}, {F(MatchDefaults.IdentifierScore)})"));
            steps.Add($"identifier ⇒ {F(score)}");
        }

        // Each fact either adds a bonus (capped at 1) or multiplies by a penalty, and says so in the explanation.
        // A sum the cap cut is written out where the cap applies ("⇒ 1.00 (1.07 capped at 1.00)"), so that the arithmetic
        // never reads as a sum that does not add up.
        double? uncapped = null;
        void Bonus(string qualifier, string? queried, string? listed, string finding, double bonus)
        {
            var sum = (uncapped ?? score) + bonus;
            uncapped = sum > 1 ? sum : null;
            score = Math.Min(1, sum);
            effects.Add(new QualifierEffect(qualifier, queried, listed, finding, "+" + F(bonus)));
            steps.Add("+ " + F(bonus) + " " + qualifier);
        }
        void Capped()
        {
            if (uncapped is { } sum)
            {
                steps.Add($"⇒ {F(1)} ({F(sum)} capped at {F(1)})");
                uncapped = null;
            }
        }
        void Penalty(string qualifier, string? queried, string? listed, string finding, double factor)
        {
            Capped();
            score *= factor;
            effects.Add(new QualifierEffect(qualifier, queried, listed, finding, "×" + F(factor)));
            steps.Add("× " + F(factor) + " " + qualifier);
        }

        var (relation, listedDob) = BirthDateComparer.Best(reading.BirthDate, subject.BirthDates);
        var dobCorroborates = relation is BirthDateRelation.Exact or BirthDateRelation.SameYear;
        switch (relation)
        {
            case BirthDateRelation.Exact:
                Bonus(Qualifiers.BirthDate, query.BirthDate, listedDob, Qualifiers.SameDay, MatchDefaults.BirthDateExactBonus);
                break;
            case BirthDateRelation.SameYear:
                Bonus("birthDate", query.BirthDate, listedDob, "same year", MatchDefaults.BirthDateYearBonus);
                break;
            case BirthDateRelation.Near:
                Bonus("birthDate", query.BirthDate, listedDob, "within the approximate date or range", MatchDefaults.BirthDateNearBonus);
                break;
            case BirthDateRelation.Conflict when !identifierHit:
                Penalty("birthDate", query.BirthDate, string.Join(", ", subject.BirthDates), "different date of birth", MatchDefaults.BirthDateConflictFactor);
                break;
        }

        if (reading.Country is { } country)
        {
            if (subject.Countries.Contains(country))
            {
                Bonus("country", query.Country, country, "listed country", MatchDefaults.CountryBonus);
            }
            else if (subject.UnreadCountries.Count > 0)
            {
                // The unread value may be the query's country: its absence from the rest is no contradiction.
                ignored = [.. ignored, new IgnoredValue(QualifierKind.Country, Listed: true, string.Join(", ", subject.UnreadCountries),
                    "names no country Vigil knows: the query's country " + country + (subject.Countries.Count > 0 ? ", not among the others (" + string.Join(", ", subject.Countries) + ")," : "") + " is not held against the match")];
            }
            else if (subject.Countries.Count > 0 && !identifierHit)
            {
                Penalty("country", query.Country, string.Join(", ", subject.Countries), "not among the listed countries", MatchDefaults.CountryConflictFactor);
            }
        }

        if (query.Kind != PartyKind.Unknown && subject.Kind != PartyKind.Unknown && IsPerson(query.Kind) != IsPerson(subject.Kind) && !identifierHit)
        {
            Penalty("schema", query.Kind.ToString(), subject.Kind.ToString(), "different kind of party", MatchDefaults.SchemaConflictFactor);
        }

        if (matched.Weak && !identifierHit && !dobCorroborates && score >= options.Threshold)
        {
            Capped();
            var capped = Math.Round(options.Threshold - 0.01, 4);
            effects.Add(new QualifierEffect("weakAlias", null, matched.Text, "matched only a weak alias, uncorroborated", $"capped at {F(capped)}"));
            steps.Add($"weak alias ⇒ {F(capped)}");
            score = capped;
        }

        score = Math.Round(Math.Clamp(score, 0, 1), 4);
        var total = uncapped is { } over ? $"{F(1)} ({F(over)} capped at {F(1)})" : F(score);
        var arithmetic = string.Join(" ", steps) + " = " + total + (score >= options.Threshold ? " ≥ " : " < ") + F(options.Threshold);
        return new ScreeningResult(subject, score, score >= options.Threshold, new MatchExplanation(matched.Text, matched.Weak, name, effects, arithmetic, ignored));
    }

    private static bool IsPerson(PartyKind kind) => kind == PartyKind.Person;

    // The pages write every score the same way (Vigil.Server's Format.Score): two decimals, more where the value has them.
    private static string F(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>Identifiers compared by their letters and digits only, upper case: "AB 123-456" equals "ab123456".</summary>
    public static string NormalizeIdentifier(string identifier) =>
        string.Concat(identifier.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();

    /// <summary>Raises each posted name's evidence for the current token to <paramref name="strength"/>, noting names hit for the first time.</summary>
    private static void Hit(NameSlot[] slots, List<int> hitNames, List<int> postings, double strength)
    {
        foreach (var n in postings)
        {
            ref var hit = ref slots[n].Hit;
            if (hit == 0)
            {
                hitNames.Add(n);
            }
            if (hit < strength)
            {
                hit = strength;
            }
        }
    }

    /// <summary>
    /// The postings of the query token rarest in this index, counting only tokens it holds: only a token that is itself
    /// indexed vouches for finding the right names without a common one.
    /// </summary>
    private int Rarest(IReadOnlyList<NameToken> tokens)
    {
        var rarest = int.MaxValue;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (PostingCount(tokens[t]) is > 0 and var postings && postings < rarest)
            {
                rarest = postings;
            }
        }
        return rarest;
    }

    /// <summary>
    /// Whether a search does not walk token <paramref name="t"/>'s postings: a token on thousands of names (Muhammad,
    /// Ali) finds no one in particular, so when the query has a rarer token (<paramref name="rarest"/>) it is left out.
    /// </summary>
    private bool Skips(IReadOnlyList<NameToken> tokens, int t, int rarest) =>
        tokens.Count > 1 && PostingCount(tokens[t]) > MatchDefaults.CommonPostingLimit && rarest <= MatchDefaults.CommonPostingLimit;

    /// <summary>
    /// Every key a search for <paramref name="name"/> in this index looks up: <see cref="CandidateKeys.OfQuery(string, PartyKind)"/>
    /// without the keys of the tokens it does not walk here (<see cref="Skips"/>). A listed name none of whose keys meets
    /// one of these is never among the search's candidates.
    /// </summary>
    public IReadOnlySet<string> LookedKeys(string name, PartyKind kind) => CandidateKeys.OfQuery(name, kind, (tokens, t) => Skips(tokens, t, Rarest(tokens)));

    /// <summary>The index of the subject with this id; null when the index has none.</summary>
    public int? IndexOf(string id) => _byId.Value.TryGetValue(id, out var index) ? index : null;

    /// <summary>The subjects a name of which (in any reading) holds a token counted under one of <paramref name="rarityKeys"/> (<see cref="TokenRarity.KeyOf"/>).</summary>
    public IReadOnlyList<ScreeningSubject> SubjectsCarrying(IReadOnlySet<string> rarityKeys)
    {
        var found = new SortedSet<int>();
        if (rarityKeys.Count > 0)
        {
            foreach (var name in _names)
            {
                if (!found.Contains(name.Subject) && name.Forms.Any(f => f.Tokens.Any(t => rarityKeys.Contains(TokenRarity.KeyOf(t)))))
                {
                    found.Add(name.Subject);
                }
            }
        }
        return [.. found.Select(s => _subjects[s])];
    }

    /// <summary>
    /// For a reverse lookup after a list change: the score a search for <paramref name="query"/> would give each of
    /// <paramref name="subjects"/> (indexes) were it among the candidates, scored against every name of it, which is no
    /// less than the search scores it with the names it reaches (0 where under the cutoff). And, as the search keeps
    /// only the best <see cref="MatchOptions.CandidateLimit"/> candidates by rough score, the best score of those next
    /// in line that would take the places of the <paramref name="leaving"/> ones among the kept, were they to leave
    /// (0 when none holds a place another would take).
    /// </summary>
    public double[] Probe(ScreeningQuery query, MatchOptions options, IReadOnlyList<int> subjects, IReadOnlySet<int> leaving, out double nextInLine)
    {
        var forms = NameAnalyzer.Analyze(query.Name, NameMatcher.IsOrganizationLike(query.Kind));
        TokenSimilarityCache.Label(forms);
        var reading = QueryReading.Of(query);
        var byIdentifier = reading.Identifier is { } id && _identifiers.TryGetValue(id, out var hits) ? hits : [];
        var scratch = _scratch.TryTake(out var spare) ? spare : new SearchScratch(_subjects.Length, _names.Length);
        try
        {
            // The candidates matter only for the places of leaving subjects: without any, the search is not repeated.
            if (subjects.Any(leaving.Contains))
            {
                Candidates(forms, options.CandidateLimit, options.Cutoff, scratch);
            }
            double Scored(int s) =>
                Score(query, reading, forms, s, _namesBySubject[s], byIdentifier.Contains(s), options, scratch.Comparisons, double.NegativeInfinity) is { } result
                && result.Score >= options.Cutoff ? result.Score : 0;
            nextInLine = 0;
            var slots = scratch.SubjectSlots;
            var places = scratch.Subjects.Count > options.CandidateLimit ? subjects.Count(s => leaving.Contains(s) && slots[s].Chosen) : 0;
            if (places > 0)
            {
                foreach (var s in scratch.Subjects.Where(s => !slots[s].Chosen && !leaving.Contains(s)).OrderByDescending(s => slots[s].Rough).ThenBy(s => s).Take(places).ToList())
                {
                    nextInLine = Math.Max(nextInLine, Scored(s));
                }
            }
            return [.. subjects.Select(Scored)];
        }
        finally
        {
            scratch.Reset();
            _scratch.Add(scratch);
        }
    }

    /// <summary>How many names carry the token's phonetic key: its commonness in this index.</summary>
    private int PostingCount(NameToken token) => _tokens.IdOf(token.Folded) is { } id ? _byFolded[id].Count : 0;

    private void AddFolded(string folded, int name)
    {
        var id = _tokens.Add(folded);
        if (id == _byFolded.Count)
        {
            _byFolded.Add([]);
        }
        var list = _byFolded[id];
        if (list.Count == 0 || list[^1] != name)
        {
            list.Add(name);
        }
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        if (list.Count == 0 || list[^1] != value)
        {
            list.Add(value);
        }
    }

    /// <summary>
    /// Makes equal tokens of different names one instance with one id, so a search's comparison cache, keyed by id,
    /// finds a list token compared before wherever it occurs. Equal tokens compare alike, so no score can change.
    /// </summary>
    private static void ShareEqualTokens(IndexedName[] names)
    {
        var shared = new Dictionary<NameToken, NameToken>();
        NameToken Share(NameToken token)
        {
            if (shared.TryAdd(token, token))
            {
                token.Id = shared.Count;
                return token;
            }
            return shared[token];
        }
        for (var n = 0; n < names.Length; n++)
        {
            var forms = names[n].Forms;
            var sharedForms = new AnalyzedName[forms.Count];
            for (var f = 0; f < forms.Count; f++)
            {
                var tokens = new NameToken[forms[f].Tokens.Count];
                for (var t = 0; t < tokens.Length; t++)
                {
                    tokens[t] = Share(forms[f].Tokens[t]);
                }
                // Joined runs recur too (Abdul Rahman in hundreds of names): shared, their tests are remembered as well.
                var runs = forms[f].Joined.Runs;
                for (var r = 0; r < runs.Length; r++)
                {
                    runs[r].Joined = Share(runs[r].Joined);
                }
                sharedForms[f] = forms[f] with { Tokens = tokens };
            }
            names[n] = names[n] with { Forms = sharedForms };
        }
    }

    /// <summary>
    /// Working space of one search: arrays with a slot per indexed name or subject, all zero between searches, the
    /// lists they feed, and the comparison cache. Kept in a bag so concurrent searches each take their own.
    /// </summary>
    private sealed class SearchScratch(int subjects, int names)
    {
        public TokenSimilarityCache Comparisons { get; } = new();

        public SubjectSlot[] SubjectSlots { get; } = new SubjectSlot[subjects];

        public List<int> Subjects { get; } = [];

        public List<int> Top { get; } = [];


        public List<int> KeptNames { get; } = [];

        public List<(int Subject, int Start, int Count)> Candidates { get; } = [];

        public List<int> CandidateNames { get; } = [];

        public NameSlot[] NameSlots { get; } = new NameSlot[names];

        public List<int> HitNames { get; } = [];

        public List<int> PerNameNames { get; } = [];

        public List<int> Near { get; } = [];

        public HashSet<int> NearSeen { get; } = [];

        /// <summary>Zeroes what the last search set, slot by slot through the lists that name them.</summary>
        public void Reset()
        {
            foreach (var s in Subjects)
            {
                SubjectSlots[s] = default;
            }
            foreach (var (s, _, _) in Candidates)
            {
                // Subjects found by identifier alone are chosen without being seen.
                SubjectSlots[s].Chosen = false;
            }
            foreach (var n in KeptNames)
            {
                NameSlots[n].Kept = false;
            }
            Subjects.Clear();
            Top.Clear();
            KeptNames.Clear();
            Candidates.Clear();
            CandidateNames.Clear();
            Comparisons.Clear();
        }
    }

    /// <summary>
    /// One name's sums in a search, side by side: a posting list walk touches a name's hit, evidence and coverage
    /// together, and one cache line per name beats one per array.
    /// </summary>
    private struct NameSlot
    {
        // The current token's strongest hit on the name, the weighted hits so far, and the query weight they touch.
        public double Hit;
        public double Evidence;
        public double Touched;
        public bool Scored;
        public bool Kept;

        // Reached by the current token only through a joined run's near spelling: covered, with no evidence.
        public bool JoinedOnly;
    }

    /// <summary>One subject's best rough score in a search, whether it was seen, and whether it is a chosen candidate.</summary>
    private struct SubjectSlot
    {
        public double Rough;
        public bool Seen;
        public bool Chosen;
    }

    private sealed record IndexedName(int Subject, SubjectName Name, IReadOnlyList<AnalyzedName> Forms);
}
