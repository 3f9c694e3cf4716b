using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Server.Api;

/// <summary>
/// Screens an example entity that may carry several names, dates of birth and identifiers (as yente's and
/// OpenRefine's queries do): each name with each date and identifier, keeping each entity's best result.
/// </summary>
internal static class ScreeningQueries
{
    /// <summary>FollowTheMoney properties a query's names may come in (yente's /match and reconciliation alike); countries and identifiers are <see cref="ScreeningCorpus"/>'s.</summary>
    public static readonly string[] NameProperties = ["name", "alias", "previousName"];
    public static readonly string[] NamePartProperties = ["firstName", "secondName", "middleName", "fatherName", "lastName"];

    public static IReadOnlyList<ScreeningHit> Screen(
        ScreeningCorpus corpus,
        PartyKind kind,
        IReadOnlyList<string> names,
        IReadOnlyList<string> birthDates,
        string? country,
        IReadOnlyList<string> identifiers,
        MatchOptions options)
    {
        if (names.Count == 1 && birthDates.Count <= 1 && identifiers.Count <= 1)
        {
            // One query: the corpus's answer is already best first and cut to the limit.
            return corpus.Screen(new ScreeningQuery(names[0], kind, birthDates.Count == 1 ? birthDates[0] : null, country, identifiers.Count == 1 ? identifiers[0] : null), options);
        }
        var best = new Dictionary<string, ScreeningHit>(StringComparer.Ordinal);
        IReadOnlyList<string?> dates = birthDates.Count == 0 ? [null] : [.. birthDates];
        IReadOnlyList<string?> ids = identifiers.Count == 0 ? [null] : [.. identifiers];
        foreach (var name in names)
        {
            foreach (var date in dates)
            {
                foreach (var id in ids)
                {
                    foreach (var hit in corpus.Screen(new ScreeningQuery(name, kind, date, country, id), options))
                    {
                        if (!best.TryGetValue(hit.Entity.Id, out var held) || hit.Score > held.Score)
                        {
                            best[hit.Entity.Id] = hit;
                        }
                    }
                }
            }
        }
        return ScreeningCorpus.BestFirst(best.Values).Take(options.Limit).ToList();
    }

    /// <summary>Whether a dataset name means every list: yente's clients say <c>default</c>, <c>all</c> or <c>sanctions</c>.</summary>
    public static bool AllLists(string dataset) => DatasetScope.AllLists(dataset);

    /// <summary>Whether a dataset in a request names every list or a source the index holds.</summary>
    public static bool DatasetExists(ScreeningCorpus corpus, string dataset) => AllLists(dataset) || corpus.Datasets.Contains(dataset);

    /// <summary>Whether an entity belongs in the answer for a dataset.</summary>
    public static bool InDataset(ScreenedEntity entity, string dataset) => AllLists(dataset) || entity.Datasets.Contains(dataset);

    /// <summary>A date of birth as a query gives it, to the EDTF form the matcher reads; a message naming the field when unreadable.</summary>
    public static string? BirthDate(string? text, string field, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parsed = PartialDate.Parse(text);
        if (parsed is null)
        {
            error = $"{field}: '{text}' is not a date (use 1975-05-14, 1975-05 or 1975)";
        }
        return parsed;
    }
}
