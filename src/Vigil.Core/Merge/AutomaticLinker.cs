using System.Diagnostics;
using System.Globalization;
using Dapper;
using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Scoring;
using Vigil.Matching.Screening;

namespace Vigil.Core.Merge;

/// <summary>Progress of a linking pass: records compared so far out of those to compare.</summary>
public readonly record struct LinkProgress(string Stage, int Done, int Total);

/// <summary>
/// The strict automatic rule for the same entity on two lists, found by blocking rather than by searching every name:
/// only records that share a full date of birth, an identifier or (organisations) a whole normalised name can meet
/// the rule, so only those are scored. That makes the rule cheap enough to run after every import over the records
/// the import added or changed, against every other list.
/// <list type="bullet">
/// <item>A person, vessel or any record: name score ≥ <see cref="CrossListMatcher.AutomaticNameScore"/> and the same
/// full date of birth or a shared identifier, with no conflicting date of birth.</item>
/// <item>An organisation: also the same name once normalised (case, script, punctuation, legal forms folded: "OOO"
/// and "Limited Liability Company" are one form) with compatible sanctions regimes (<see cref="SanctionsRegimeTable"/>).
/// Many UN entities' original-script names reach their OFAC twin only through such a link.</item>
/// </list>
/// </summary>
public static class AutomaticLinker
{
    /// <summary>A block key shared by more records than this says nothing (a placeholder date such as 1900-01-01).</summary>
    private const int MaxBlock = 200;

    /// <summary>Reads every record of the latest snapshot of each list.</summary>
    public static IReadOnlyList<LinkableRecord> Load(VigilStore store)
    {
        using var connection = store.Connect();
        var snapshots = connection.Query<long>("SELECT MAX(id) FROM snapshots GROUP BY source").ToList();
        if (snapshots.Count == 0)
        {
            return [];
        }
        var latest = $"snapshot_id IN ({string.Join(", ", snapshots.Select(s => s.ToString(CultureInfo.InvariantCulture)))})";
        var records = connection.Query<(string Id, string Schema, string Caption)>($"SELECT record_id, schema, caption FROM records WHERE {latest} ORDER BY record_id").ToList();
        var names = connection.Query<(string Id, string Name)>($"SELECT record_id, full_name FROM names WHERE {latest} AND name_type <> '{nameof(NameType.WeakAlias)}' ORDER BY seq")
            .ToLookup(n => n.Id, n => n.Name, StringComparer.Ordinal);
        var properties = string.Join(", ", ScreeningCorpus.CountryProperties.Concat(ScreeningCorpus.IdentifierProperties).Append("birthDate").Select(p => $"'{p}'"));
        var statements = connection.Query<(string Id, string Property, string Value)>(
            $"SELECT record_id, property, value FROM statements WHERE {latest} AND property IN ({properties})")
            .ToLookup(s => s.Id, StringComparer.Ordinal);
        var programs = connection.Query<(string Id, string? Program)>($"SELECT record_id, program FROM designations WHERE {latest}")
            .ToLookup(d => d.Id, d => d.Program, StringComparer.Ordinal);
        var result = new List<LinkableRecord>(records.Count);
        foreach (var r in records)
        {
            var values = statements[r.Id].ToList();
            var dates = values.Where(v => v.Property == "birthDate").Select(v => v.Value).Distinct(StringComparer.Ordinal).ToList();
            result.Add(new LinkableRecord(
                r.Id,
                SourceIds.SourceOf(r.Id),
                r.Caption,
                ScreeningCorpus.KindOf(r.Schema),
                names[r.Id].Distinct(StringComparer.Ordinal).ToList(),
                dates,
                dates.Where(d => d.Length == 10).ToList(),
                values.Where(v => ScreeningCorpus.IdentifierProperties.Contains(v.Property))
                    .Select(v => ScreeningIndex.NormalizeIdentifier(v.Value)).Where(i => i.Length >= 5).Distinct(StringComparer.Ordinal).ToList(),
                values.Where(v => ScreeningCorpus.CountryProperties.Contains(v.Property)).SelectMany(v => Countries.ToCodes(v.Value)).Distinct(StringComparer.Ordinal).ToList(),
                programs[r.Id].Where(p => p is not null).Aggregate(SanctionsRegime.None, (acc, p) => acc | SanctionsRegimeTable.Of(p!))));
        }
        return result;
    }

    /// <summary>
    /// Pairs of records on different lists that the strict rule links, each once, in a stable order. With
    /// <paramref name="only"/>, only pairs with at least one record in it (the records an import added or changed).
    /// </summary>
    public static IReadOnlyList<XrefCandidate> Find(
        IReadOnlyList<LinkableRecord> records,
        IReadOnlySet<string>? only = null,
        IProgress<LinkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var blocks = new Dictionary<string, List<LinkableRecord>>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var key in BlockKeys(r, withNames: false))
            {
                Add(blocks, key, r);
            }
        }
        // Organisation name keys need each name analysed: only the names that could pair with a record to link.
        var queried = only is null ? records : records.Where(r => only.Contains(r.Id)).ToList();
        var wantedKeys = only is null ? null : queried.Where(IsOrganization).SelectMany(NameKeysFromText).ToHashSet(StringComparer.Ordinal);
        // Analysing every organisation's names costs seconds; an import's few records need only the names that share
        // a written word with theirs (a name in another script is analysed anyway, its words cannot be compared raw).
        var wantedWords = wantedKeys?.SelectMany(k => k[2..].Split(' ')).Where(w => w.Length >= 3 && w[0] != '#').ToHashSet(StringComparer.Ordinal);
        foreach (var r in records.Where(IsOrganization).Where(r => wantedWords is null || r.Names.Any(n => MayShareWord(n, wantedWords))))
        {
            foreach (var key in NameKeysFromText(r))
            {
                if (wantedKeys is null || wantedKeys.Contains(key))
                {
                    Add(blocks, key, r);
                }
            }
        }

        var found = new Dictionary<(string, string), XrefCandidate>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < queried.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = queried[i];
            foreach (var key in BlockKeys(record, withNames: IsOrganization(record)).Distinct(StringComparer.Ordinal))
            {
                if (!blocks.TryGetValue(key, out var block) || block.Count > MaxBlock)
                {
                    continue;
                }
                foreach (var other in block)
                {
                    if (other.Source == record.Source)
                    {
                        continue;
                    }
                    var pair = VigilStore.Ordered(record.Id, other.Id);
                    if (found.ContainsKey(pair) || Judge(record, other) is not { } candidate)
                    {
                        continue;
                    }
                    var (left, right) = pair.Item1 == record.Id ? (record, other) : (other, record);
                    found[pair] = candidate with { Left = left.Id, Right = right.Id, LeftCaption = left.Caption, RightCaption = right.Caption };
                }
            }
            if (progress is not null && (stopwatch.ElapsedMilliseconds >= 200 || i + 1 == queried.Count))
            {
                progress.Report(new LinkProgress("automatic links", i + 1, queried.Count));
                stopwatch.Restart();
            }
        }
        return found.Values.OrderBy(c => c.Left, StringComparer.Ordinal).ThenBy(c => c.Right, StringComparer.Ordinal).ToList();
    }

    /// <summary>The strict rule for one pair that shares a block, or null when it does not hold.</summary>
    public static XrefCandidate? Judge(LinkableRecord a, LinkableRecord b)
    {
        if (a.Kind != b.Kind && a.Kind != PartyKind.Unknown && b.Kind != PartyKind.Unknown
            && (a.Kind == PartyKind.Person || b.Kind == PartyKind.Person))
        {
            return null;
        }
        var relation = a.BirthDates.Count == 0
            ? BirthDateRelation.Unknown
            : a.BirthDates.Select(d => BirthDateComparer.Best(d, b.BirthDates).Relation).MinBy(Rank);
        if (relation == BirthDateRelation.Conflict)
        {
            return null;
        }
        var sharedIds = a.Identifiers.Intersect(b.Identifiers, StringComparer.Ordinal).ToList();
        var sameName = IsOrganization(a) && IsOrganization(b) && SanctionsRegimeTable.Compatible(a.Regimes, b.Regimes)
            && a.NameKeys.Overlaps(b.NameKeys);
        if (relation != BirthDateRelation.Exact && sharedIds.Count == 0 && !sameName)
        {
            return null;
        }
        var score = sameName ? 1.0 : BestNameScore(a, b);
        if (score < CrossListMatcher.AutomaticNameScore)
        {
            return null;
        }
        var evidence = new List<string> { "name " + score.ToString("0.00", CultureInfo.InvariantCulture) };
        if (sameName)
        {
            evidence.Add("same normalised name, regime " + Describe(a.Regimes & b.Regimes));
        }
        if (relation != BirthDateRelation.Unknown)
        {
            evidence.Add("birth date " + relation.ToString().ToLowerInvariant());
        }
        if (sharedIds.Count > 0)
        {
            evidence.Add("identifier " + string.Join(", ", sharedIds));
        }
        var countries = a.Countries.Intersect(b.Countries, StringComparer.Ordinal).ToList();
        if (countries.Count > 0)
        {
            evidence.Add("country " + string.Join(", ", countries));
        }
        return new XrefCandidate(a.Id, b.Id, a.Caption, b.Caption, Math.Round(score, 4), evidence, Automatic: true);
    }

    private static string Describe(SanctionsRegime regimes) =>
        regimes == SanctionsRegime.None ? "unknown on one side" : regimes.ToString().ToLowerInvariant();

    private static double BestNameScore(LinkableRecord a, LinkableRecord b)
    {
        var best = 0.0;
        foreach (var x in a.Analyzed)
        {
            foreach (var y in b.Analyzed)
            {
                best = Math.Max(best, NameScorer.Compare(x, y, TokenRarity.Uniform).Score);
            }
        }
        return best;
    }

    private static bool MayShareWord(string name, HashSet<string> words)
    {
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : ' ';
            if (c > 127)
            {
                return true;
            }
            var letter = char.IsAsciiLetterOrDigit(c);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 3 && words.Contains(name[start..i].ToLowerInvariant()))
                {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private static bool IsOrganization(LinkableRecord r) => r.Kind == PartyKind.Organization;

    private static IEnumerable<string> BlockKeys(LinkableRecord r, bool withNames)
    {
        foreach (var d in r.FullBirthDates)
        {
            yield return "d:" + d;
        }
        foreach (var i in r.Identifiers)
        {
            yield return "i:" + i;
        }
        if (withNames)
        {
            foreach (var n in NameKeysFromText(r))
            {
                yield return n;
            }
        }
    }

    private static IEnumerable<string> NameKeysFromText(LinkableRecord r) => r.NameKeys.Select(k => "n:" + k);

    private static void Add(Dictionary<string, List<LinkableRecord>> blocks, string key, LinkableRecord r)
    {
        if (!blocks.TryGetValue(key, out var list))
        {
            blocks[key] = list = [];
        }
        if (list.Count == 0 || !ReferenceEquals(list[^1], r))
        {
            list.Add(r);
        }
    }

    private static int Rank(BirthDateRelation r) => r switch
    {
        BirthDateRelation.Exact => 0,
        BirthDateRelation.SameYear => 1,
        BirthDateRelation.Near => 2,
        BirthDateRelation.Conflict => 3,
        _ => 4,
    };
}
