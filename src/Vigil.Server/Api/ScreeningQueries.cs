using Vigil.Core.Model;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Server.Api;

/// <summary>What yente's and OpenRefine's queries share: the properties names come in, datasets, dates of birth.</summary>
internal static class ScreeningQueries
{
    /// <summary>FollowTheMoney properties a query's names may come in (yente's /match and reconciliation alike); countries and identifiers are <see cref="ScreeningCorpus"/>'s.</summary>
    public static readonly string[] NameProperties = ["name", "alias", "previousName"];
    public static readonly string[] NamePartProperties = ["firstName", "secondName", "middleName", "fatherName", "lastName"];

    /// <summary>Screens a query's names, dates, country and identifiers with Core's one multi-valued screening.</summary>
    public static IReadOnlyList<ScreeningHit> Screen(
        ScreeningCorpus corpus,
        PartyKind kind,
        IReadOnlyList<string> names,
        IReadOnlyList<string> birthDates,
        string? country,
        IReadOnlyList<string> identifiers,
        MatchOptions options) =>
        SubjectScreener.Hits(corpus, kind, names, birthDates, country is null ? [] : [country], identifiers, options);

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
